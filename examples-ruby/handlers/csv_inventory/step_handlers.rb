# frozen_string_literal: true

# CSV inventory batch: count the rows of a CSV shipped beside this file, split them into batches of 200, let each
# worker total its rows (saving a checkpoint every 100 rows), and aggregate the workers' totals.
module CsvInventory
  module StepHandlers
    module CsvFile
      LOW_STOCK = 10

      # The data rows of data/<name>: one hash per row, keyed by the header.
      def self.rows(name)
        raise TaskerCore::Errors::PermanentError, "csv_file must be a file name in data/, got #{name.inspect}" if name.to_s.include?('/')

        path = File.join(__dir__, 'data', name)
        raise TaskerCore::Errors::PermanentError, "no CSV file data/#{name}" unless File.file?(path)

        header, *lines = File.readlines(path, chomp: true).reject(&:empty?)
        keys = header.split(',')
        lines.map { |line| keys.zip(line.split(',')).to_h }
      end
    end

    class AnalyzeCsvHandler < TaskerCore::StepHandler::Batchable
      def call(context)
        rows = CsvFile.rows(context.get_input_or(:csv_file, 'inventory.csv'))
        batch_success(worker_template_name: 'process_csv_batch', total_items: rows.size,
                      batch_size: context.get_config(:batch_size) || 200)
      end
    end

    class ProcessCsvBatchHandler < TaskerCore::StepHandler::Batchable
      CHECKPOINT_EVERY = 100

      def call(context)
        return batch_worker_success(items_processed: 0, metadata: { 'rows' => 0 }) if context.step_inputs['is_no_op']

        cursor = context.step_inputs['cursor']
        saved = context.checkpoint
        totals = saved ? saved['accumulated_results'] : { 'rows' => 0, 'total_quantity' => 0, 'inventory_value_cents' => 0, 'low_stock_skus' => [] }
        position = saved ? saved['cursor'] : cursor['start_cursor']
        rows = CsvFile.rows(context.get_input_or(:csv_file, 'inventory.csv'))
        (position...cursor['end_cursor']).each do |index|
          add(totals, rows[index])
          done = index + 1
          context.checkpoint_yield(done, done - cursor['start_cursor'], totals) if (done % CHECKPOINT_EVERY).zero?
        end
        batch_worker_success(items_processed: totals['rows'], metadata: totals)
      end

      private

      def add(totals, row)
        quantity = Integer(row['quantity'])
        totals['rows'] += 1
        totals['total_quantity'] += quantity
        totals['inventory_value_cents'] += quantity * Integer(row['unit_price_cents'])
        totals['low_stock_skus'] << row['sku'] if quantity < CsvFile::LOW_STOCK
      end
    end

    class AggregateInventoryHandler < TaskerCore::StepHandler::Base
      def call(context)
        batches = context.get_batch_results('process_csv_batch')
        success(result: {
                  batches: batches.count { |b| b['rows'].positive? },
                  total_rows: batches.sum { |b| b['rows'] },
                  total_quantity: batches.sum { |b| b['total_quantity'] || 0 },
                  inventory_value_cents: batches.sum { |b| b['inventory_value_cents'] || 0 },
                  low_stock_skus: batches.flat_map { |b| b['low_stock_skus'] || [] }
                })
      end
    end
  end
end
