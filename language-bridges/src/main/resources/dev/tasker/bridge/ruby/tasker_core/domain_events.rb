# TaskerCore::DomainEvents: the publisher and subscriber classes of Tasker's gem, so that files defining them load.
# The engine publishes a step's declared events itself (see README, "Domain events"); custom publishers and in-process
# subscribers are registered here but not called.
module TaskerCore
  module DomainEvents
    class BasePublisher
      def name = self.class.name

      def transform_payload(step_result, _event_declaration, _step_context = nil) = step_result[:result] || {}

      def should_publish?(_step_result, _event_declaration, _step_context = nil) = true

      def additional_metadata(_step_result, _event_declaration, _step_context = nil) = {}

      def before_publish(_event_name, _payload, _metadata) = nil

      def after_publish(_event_name, _payload, _metadata) = nil

      def on_publish_error(_event_name, _error, _payload) = nil
    end

    class BaseSubscriber
      def self.subscribes_to(*patterns)
        @patterns = patterns.flatten unless patterns.empty?
        @patterns || ['*']
      end

      def self.patterns = subscribes_to

      def self.matches?(event_name)
        subscribes_to.any? { |p| p == '*' || p == event_name || (p.end_with?('.*') && event_name.start_with?(p[0..-2])) }
      end

      def handle(_event) = nil

      def before_handle(_event) = true

      def after_handle(_event) = nil

      def on_handle_error(_event, _error) = nil
    end

    class Registry
      def self.instance = @instance ||= new

      def initialize
        @entries = {}
      end

      def register(entry)
        key = entry.respond_to?(:name) ? entry.name : entry.to_s
        @entries[key] = entry
      end

      def get(name) = @entries[name]

      alias find get

      def registered?(name) = @entries.key?(name)

      def all = @entries.values

      def count = @entries.size

      def clear! = @entries.clear
    end

    class PublisherRegistry < Registry; end

    class SubscriberRegistry < Registry; end
  end
end
