# frozen_string_literal: true

include TaskerCore::StepHandler::Functional # rubocop:disable Style/MixinUsage

CountStartDslHandler = step_handler('counting_dsl.start', inputs: [:items]) do |items:, context:|
  { count: items.size, namespace: context.namespace_name }
end

CountRouteDslHandler = decision_handler('counting_dsl.route', depends_on: { started: 'start' }) do |started:, context: nil|
  started['count'] > 3 ? Decision.route(['big_batch'], size: started['count']) : Decision.route(['small_batch'])
end

CountAnalyzeDslHandler = batch_analyzer('counting_dsl.analyze', worker_template: 'count_chunk',
                                                                 inputs: [:items]) do |items:, context:|
  TaskerCore::StepHandler::Functional::BatchConfig.new(total_items: items.size, batch_size: 2)
end

# A batch worker that yields a checkpoint after each item: it runs again from the checkpoint in the same attempt.
class CountChunkHandler < TaskerCore::StepHandler::Batchable
  def call(context)
    batch = get_batch_context(context)
    return handle_no_op_worker(batch) if batch.no_op?

    position = batch.has_checkpoint? ? batch.checkpoint_cursor : batch.start_cursor
    seen = batch.accumulated_results || { 'sum' => 0 }
    items = context.get_input('items')
    if position < batch.end_cursor
      return checkpoint_yield(cursor: position + 1, items_processed: position + 1 - batch.start_cursor,
                              accumulated_results: { 'sum' => seen['sum'] + items[position] })
    end
    batch_worker_success(items_processed: batch.end_cursor - batch.start_cursor, metadata: { 'sum' => seen['sum'] })
  end
end

CountTotalDslHandler = step_handler('counting_dsl.total', depends_on: { started: 'start' }) do |started:, context:|
  chunks = context.dependency_results.keys.grep(/\Acount_chunk_/).sort.map { |k| context.get_dependency_result(k) }
  { count: started['count'], sum: chunks.sum { |c| c['sum'] }, chunks: chunks.size }
end

CountBigDslHandler = step_handler('counting_dsl.big_batch') { |context:| { path: 'big', at: context.step_name } }
CountSmallDslHandler = step_handler('counting_dsl.small_batch') { |context:| { path: 'small', at: context.step_name } }
