# frozen_string_literal: true

# Order fulfillment: validate the order, reserve its stock, charge the card through the payment gateway's API,
# ship. A declined card fails for good (the gateway answers 402); a gateway that times out is tried again.
module OrderFulfillment
  module StepHandlers
    TAX_RATE = 0.08
    SHIPPING_CENTS = { 'standard' => 599, 'express' => 1999 }.freeze

    class ValidateOrderHandler < TaskerCore::StepHandler::Base
      def call(context)
        order_id = context.get_input(:order_id)
        items = context.get_input_or(:items, [])
        method = context.get_input(:shipping)&.dig('method') || 'standard'
        raise TaskerCore::Errors::PermanentError, 'order has no order_id' if order_id.to_s.empty?
        raise TaskerCore::Errors::PermanentError, "order #{order_id} has no items" if items.empty?
        raise TaskerCore::Errors::PermanentError, "order #{order_id}: unknown shipping method '#{method}'" unless SHIPPING_CENTS.key?(method)

        items.each_with_index do |item, i|
          unless item['quantity'].is_a?(Integer) && item['quantity'].positive?
            raise TaskerCore::Errors::PermanentError, "order #{order_id}: items[#{i}] (#{item['sku']}) needs a positive quantity"
          end
        end
        subtotal = items.sum { |item| item['quantity'] * item['unit_price_cents'] }
        tax = (subtotal * TAX_RATE).round
        shipping = SHIPPING_CENTS.fetch(method)
        success(result: { order_id: order_id, item_count: items.sum { |i| i['quantity'] }, subtotal_cents: subtotal,
                          tax_cents: tax, shipping_cents: shipping, total_cents: subtotal + tax + shipping })
      end
    end

    class ReserveInventoryHandler < TaskerCore::StepHandler::Base
      WAREHOUSES = %w[AMS-1 BER-2 CHI-1].freeze

      def call(context)
        order_id = context.get_dependency_field(:validate_order, 'order_id')
        reserved = context.get_input(:items).map do |item|
          { sku: item['sku'], quantity: item['quantity'], warehouse: WAREHOUSES[item['sku'].sum % WAREHOUSES.size] }
        end
        success(result: { reservation_id: "RES-#{order_id}", reserved: reserved })
      end
    end

    class ChargePaymentHandler < TaskerCore::StepHandler::Api
      def call(context)
        order = context.get_dependency_result(:validate_order)
        gateway = context.get_input(:payment_gateway_url) || context.get_config(:gateway_url)
        response = post("#{gateway}/v1/charges",
                        { amount_cents: order['total_cents'], currency: 'USD', source: context.get_input(:payment)['token'],
                          description: "Order #{order['order_id']}" },
                        headers: { 'Idempotency-Key' => "charge-#{order['order_id']}" },
                        timeout: context.get_config(:timeout_seconds) || 5)
        charge = response['body']
        success(result: { charge_id: charge['id'], status: charge['status'], amount_cents: charge['amount_cents'] })
      rescue TaskerCore::Errors::PermanentError => e
        raise TaskerCore::Errors::PermanentError.new("payment for order #{order['order_id']} was declined: #{e.message}",
                                                     error_code: 'payment_declined')
      end
    end

    class ShipOrderHandler < TaskerCore::StepHandler::Base
      def call(context)
        order_id = context.get_dependency_field(:validate_order, 'order_id')
        method = context.get_input(:shipping)&.dig('method') || 'standard'
        logger.info("shipping order #{order_id} (#{method})")
        success(result: { order_id: order_id, carrier: 'UPS', service: method,
                          tracking_number: "1Z#{order_id.to_s.gsub(/\W/, '').upcase.rjust(12, '0')}",
                          estimated_delivery_days: method == 'express' ? 1 : 5,
                          charge_id: context.get_dependency_field(:charge_payment, 'charge_id') })
      end
    end
  end
end
