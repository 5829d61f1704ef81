# frozen_string_literal: true

module OrderFlow
  module StepHandlers
    # Dependency results by field, the handler's initialization as config, and Tasker's retry accessors.
    class PriceOrderHandler < TaskerCore::StepHandler::Base
      def call(context)
        total = context.get_dependency_field('receive_order', :total_cents)
        rate = context.get_config('tax_percent') || config['tax_percent']
        success(result: { total_cents: total, tax_cents: total * rate / 100, first_attempt: !context.is_retry?,
                          ancestors: context.dependency_results.keys.sort })
      end
    end

    # A handler whose template step names another method than call.
    class ShipOrderHandler < TaskerCore::StepHandler::Base
      def call(_context) = success(result: { invoked: 'call' })

      def ship(context)
        success(result: { invoked: 'ship', grand_total: context.get_dependency_result('price_order')['total_cents'] +
                                                       context.get_dependency_result('price_order')['tax_cents'],
                          order_id: context.get_dependency_field('receive_order', 'order_id'),
                          big: 2**70 })
      end
    end
  end
end
