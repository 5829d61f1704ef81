# The part of ActiveSupport that Tasker's handlers use: hashes with indifferent access (string or symbol keys, nested),
# deep key conversions, blank?/present?/presence, and integer durations (2.days) in seconds.
module ActiveSupport
  class HashWithIndifferentAccess < Hash
    def self.[](*args)
      new.update(Hash[*args])
    end

    def initialize(source = nil, &block)
      super(&block)
      update(source) if source.is_a?(Hash)
    end

    def [](key) = super(convert_key(key))

    def []=(key, value)
      super(convert_key(key), convert_value(value))
    end

    alias store []=

    def fetch(key, *args, &block) = super(convert_key(key), *args, &block)

    def key?(key) = super(convert_key(key))

    alias has_key? key?
    alias include? key?
    alias member? key?

    def delete(key, &block) = super(convert_key(key), &block)

    def dig(key, *rest)
      value = self[key]
      rest.empty? || value.nil? ? value : value.dig(*rest)
    end

    def values_at(*keys) = keys.map { |k| self[k] }

    def fetch_values(*keys, &block) = keys.map { |k| fetch(k, &block) }

    def update(*others)
      others.each do |other|
        other.each_pair { |k, v| self[k] = block_given? && key?(k) ? yield(convert_key(k), self[k], v) : v }
      end
      self
    end

    alias merge! update

    def merge(*others, &block) = dup.update(*others, &block)

    def reverse_merge(other) = self.class.new(other).update(self)

    def slice(*keys) = self.class.new(super(*keys.map { |k| convert_key(k) }))

    def except(*keys) = self.class.new(super(*keys.map { |k| convert_key(k) }))

    def select(*args, &block) = self.class.new(super(*args, &block))

    def reject(*args, &block) = self.class.new(super(*args, &block))

    def transform_values(*args, &block) = self.class.new(super(*args, &block))

    def compact = self.class.new(super)

    def dup = self.class.new(self)

    def with_indifferent_access = dup

    def nested_under_indifferent_access = self

    def to_hash
      each_with_object({}) { |(k, v), out| out[k] = v.is_a?(HashWithIndifferentAccess) ? v.to_hash : plain(v) }
    end

    def symbolize_keys = to_hash.symbolize_keys

    def deep_symbolize_keys = to_hash.deep_symbolize_keys

    def stringify_keys = dup

    def deep_stringify_keys = dup

    private

    def convert_key(key) = key.is_a?(Symbol) ? key.name : key

    def convert_value(value)
      case value
      when HashWithIndifferentAccess then value
      when Hash then HashWithIndifferentAccess.new(value)
      when Array then value.map { |v| convert_value(v) }
      else value
      end
    end

    def plain(value)
      value.is_a?(Array) ? value.map { |v| v.is_a?(HashWithIndifferentAccess) ? v.to_hash : plain(v) } : value
    end
  end
end

HashWithIndifferentAccess = ActiveSupport::HashWithIndifferentAccess

class Hash
  def with_indifferent_access = ActiveSupport::HashWithIndifferentAccess.new(self)

  def symbolize_keys = transform_keys { |k| k.respond_to?(:to_sym) ? k.to_sym : k }

  def stringify_keys = transform_keys(&:to_s)

  def deep_symbolize_keys = deep_transform_keys { |k| k.respond_to?(:to_sym) ? k.to_sym : k }

  def deep_stringify_keys = deep_transform_keys(&:to_s)

  def deep_transform_keys(&block)
    each_with_object({}) { |(k, v), out| out[yield(k)] = Hash.deep_transform_value(v, &block) }
  end

  def self.deep_transform_value(value, &block)
    case value
    when Hash then value.deep_transform_keys(&block)
    when Array then value.map { |v| deep_transform_value(v, &block) }
    else value
    end
  end

  def deep_merge(other)
    merge(other) { |_k, mine, theirs| mine.is_a?(Hash) && theirs.is_a?(Hash) ? mine.deep_merge(theirs) : theirs }
  end

  def reverse_merge(other) = other.merge(self)

  def symbolize_keys! = replace(symbolize_keys)

  def stringify_keys! = replace(stringify_keys)
end

class Object
  def blank? = respond_to?(:empty?) ? !!empty? : !self

  def present? = !blank?

  def presence = present? ? self : nil

  def try(name = nil, *args, &block)
    return yield(self) if name.nil? && block

    respond_to?(name) ? public_send(name, *args, &block) : nil
  end
end

class NilClass
  def blank? = true

  def try(*_args) = nil
end

class FalseClass
  def blank? = true
end

class TrueClass
  def blank? = false
end

class String
  def blank? = strip.empty?

  def underscore = gsub('::', '/').gsub(/([A-Z\d]+)([A-Z][a-z])/, '\1_\2').gsub(/([a-z\d])([A-Z])/, '\1_\2').tr('-', '_').downcase

  def camelize = split('/').map { |p| p.split('_').map(&:capitalize).join }.join('::')

  def demodulize = split('::').last

  def humanize = tr('_', ' ').sub(/\A\w/, &:upcase)

  def titleize = underscore.tr('_', ' ').split.map(&:capitalize).join(' ')

  def squish = strip.gsub(/\s+/, ' ')

  def truncate(length, omission: '...') = size > length ? self[0, length - omission.size] + omission : dup

  def constantize = Object.const_get(self)
end

class Numeric
  def blank? = false

  def seconds = self
  alias second seconds

  def minutes = self * 60
  alias minute minutes

  def hours = self * 3600
  alias hour hours

  def days = self * 86_400
  alias day days

  def weeks = self * 604_800
  alias week weeks

  def ago = Time.now - self

  def from_now = Time.now + self
end

class Array
  def in_groups_of(size) = each_slice(size).to_a

  def to_sentence = size <= 1 ? join : "#{self[0..-2].join(', ')} and #{last}"

  def index_by = each_with_object({}) { |v, out| out[yield(v)] = v }

  def many? = size > 1

  def compact_blank = reject(&:blank?)
end

class Time
  def self.current = now
end
