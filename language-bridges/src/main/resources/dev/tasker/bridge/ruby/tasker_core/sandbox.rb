# Tasker's handler API for Ruby handlers (the prelude's first file): the libraries handlers expect, and the processes
# they may not start.
require 'json'
require 'date'
require 'time'
require 'securerandom'

# TruffleRuby needs native access (for require), which would let it start processes past the polyglot
# sandbox; the ways Ruby code starts them are closed here.
module TaskerCore
  module Sandbox
    REFUSED = %i[` system spawn exec fork].freeze

    def self.refuse(what)
      raise Errors::SandboxViolation, "#{what} is not allowed in a Tasker handler: handlers may not start processes"
    end
  end
end

module Kernel
  TaskerCore::Sandbox::REFUSED.each do |name|
    define_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse(name) }
    private name
    define_singleton_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse(name) }
  end
end

class << Process
  %i[spawn fork exec daemon].each do |name|
    define_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse("Process.#{name}") }
  end
end

class << IO
  define_method(:popen) { |*_args, **_opts| TaskerCore::Sandbox.refuse('IO.popen') }
end

