# Each probe tries something a handler may not do; the handler reports what happened instead of failing.
class SandboxProbe < TaskerCore::StepHandler::Base
  PROBES = {
    'write_file' => -> { File.write(ENV_OUT, 'x') },
    'read_outside' => -> { File.read('/etc/passwd') },
    'read_through_link' => -> { File.read(File.join(__dir__, 'passwd_link')) },
    'list_outside' => -> { Dir.entries('/') },
    'read_inside' => -> { File.read(File.join(__dir__, 'data.txt')) },
    'environment' => -> { ENV['PATH'] || ENV.keys.grep(/PATH/).first || raise(KeyError, 'PATH is not visible') },
    'start_process' => -> { system('true') },
    'backticks' => -> { `id` },
    'open_socket' => -> { require 'socket'; TCPSocket.new('127.0.0.1', PORT.call) },
    'host_class' => -> { Java.type('java.lang.System') },
    'native_call' => -> { require 'fiddle'; Fiddle.dlopen(nil) },
    'native_ffi' => -> { require 'ffi' },
    'posix_open' => -> { Truffle::POSIX.open('/etc/passwd', 0, 0) },
    'foreign_descriptor' => -> { IO.new(5).read },
    'posix_write' => -> { Truffle::POSIX.write(5, 'x', 1) },
    'unguarded_require' => -> { Kernel.instance_method(:tasker_unguarded_require).bind_call(self, 'socket') },
    'posix_delete' => -> { Truffle::POSIX.unlink(File.join(__dir__, 'data.txt')) },
    'change_environment' => -> { ENV['TASKER_ENV'] = 'x' }
  }.freeze
  ENV_OUT = '/tmp/tasker-sandbox-ruby.txt'
  PORT = -> { Integer(@port) }

  def call(context)
    probe = context.get_input('probe')
    SandboxProbe.instance_variable_set(:@port, context.get_input('port'))
    value = PROBES.fetch(probe).call
    { 'refused' => false, 'value' => value.to_s[0, 200] }
  rescue Exception => e # rubocop:disable Lint/RescueException -- a refusal of any kind is what the test looks for
    { 'refused' => true, 'error' => "#{e.class}: #{e.message}" }
  end
end
