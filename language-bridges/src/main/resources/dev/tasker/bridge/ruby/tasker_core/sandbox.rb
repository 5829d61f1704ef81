# Tasker's handler API for Ruby handlers (the prelude's first file): the libraries handlers expect, and the sandbox.
require 'json'
require 'date'
require 'time'
require 'securerandom'

# TruffleRuby needs native access (its date, time, csv and bigdecimal are C extensions), so the polyglot sandbox
# does not stand between Ruby code and the operating system. Every way Ruby's core and standard library reach it
# goes through Truffle::POSIX; the gate below sits in front of that module: files are read only below the handler
# folders (checked by the host, symlinks resolved) and never written, only descriptors the handler opened itself
# may be used, the environment shows only locale and time zone, and processes, signals and user ids stay out of reach.
# Libraries that bring their own native calls (socket, ffi, fiddle, etc, …) are refused by the host file system.
module TaskerCore
  module Sandbox
    READABLE = Polyglot.import('tasker_readable')
    VISIBLE_ENV = %w[TZ LANG LC_ALL LC_CTYPE TASKER_ENV].freeze
    WRITES = File::WRONLY | File::RDWR | File::CREAT | File::TRUNC | File::APPEND
    AT_FDCWD = -100
    MISSING = '/nonexistent/tasker-sandbox'
    REFUSED_LIBRARIES = /\A(socket|ffi|fiddle|etc|syslog|pty|io\/console|io\/wait|net\/.*|open3|open-uri|resolv|win32ole)(\.(rb|so))?\z/

    @descriptors = [0, 1, 2]
    @lock = Mutex.new

    class << self
      def refuse(what, why = 'handlers may not start processes')
        raise Errors::SandboxViolation, "#{what} is not allowed in a Tasker handler: #{why}"
      end

      def readable?(path) = READABLE.call(path.to_s)

      def check_read(path)
        return if readable?(path)

        raise Errno::EACCES, "#{path} (handlers may only read files below their handler folders)"
      end

      def check_write(path)
        raise Errno::EACCES, "#{path} (handlers may not create, change or delete files)"
      end

      def own(fd)
        @lock.synchronize { @descriptors << fd unless @descriptors.include?(fd) } if fd.is_a?(Integer) && fd >= 0
        fd
      end

      def release(fd) = @lock.synchronize { @descriptors.delete(fd) }

      def owned?(fd) = @lock.synchronize { @descriptors.include?(fd) }

      def check_fd(fd)
        raise Errno::EBADF, "descriptor #{fd} was not opened by this handler" unless owned?(fd)
      end

      def check_own_fd(fd)
        raise Errno::EBADF, "descriptor #{fd} was not opened by this handler" if fd.is_a?(Integer) && fd < 3

        check_fd(fd)
      end

      def relative_to_dir?(dirfd, path)
        path.start_with?('/') || dirfd == AT_FDCWD ? readable?(path) : !path.split('/').include?('..') && owned?(dirfd)
      end
    end

    # Prepended to Truffle::POSIX's singleton class, so it stays in front of the functions TruffleRuby attaches lazily.
    module Gate
      %i[truffleposix_stat truffleposix_stat_mode truffleposix_stat_size truffleposix_lstat truffleposix_lstat_mode
         readlink realpath].each do |name|
        define_method(name) { |path, *rest| super(Sandbox.readable?(path) ? path : MISSING, *rest) }
      end

      %i[truffleposix_fstatat truffleposix_fstatat_mode truffleposix_fstatat_size].each do |name|
        define_method(name) { |dirfd, path, *rest| super(dirfd, Sandbox.relative_to_dir?(dirfd, path.to_s) ? path : MISSING, *rest) }
      end

      %i[chdir chmod chown chroot lchmod lchown link mkdir mkfifo rename rmdir symlink truncate unlink
         truffleposix_utimes truffleposix_lutimes].each do |name|
        define_method(name) { |path, *_rest| Sandbox.check_write(path) }
      end

      %i[read pread lseek fcntl flock ioctl isatty truffleposix_fstat truffleposix_fstat_mode truffleposix_fstat_size
         truffleposix_poll_single_fd fdopendir].each do |name|
        define_method(name) do |fd, *rest|
          Sandbox.check_fd(fd)
          super(fd, *rest)
        end
      end

      %i[write pwrite].each do |name|
        define_method(name) do |fd, *rest|
          Sandbox.check_fd(fd) unless fd == 1 || fd == 2
          super(fd, *rest)
        end
      end

      %i[ftruncate fchmod fchown fsync fchdir].each do |name|
        define_method(name) { |fd, *_rest| Sandbox.check_write("descriptor #{fd}") }
      end

      %i[umask execve truffleposix_posix_spawnp kill setresgid setregid setegid setgid setresuid setreuid setruid
         seteuid setuid setpgid setsid setgroups setrlimit setpriority].each do |name|
        define_method(name) { |*_args| Sandbox.refuse("Process (#{name})") }
      end

      def open(path, flags, *rest)
        Sandbox.check_write(path) if flags & WRITES != 0
        Sandbox.check_read(path)
        Sandbox.own(super)
      end

      def opendir(path)
        Sandbox.check_read(path)
        super
      end

      def dirfd(dir) = Sandbox.own(super)

      def close(fd)
        Sandbox.check_own_fd(fd)
        result = super
        Sandbox.release(fd)
        result
      end

      def dup(fd)
        Sandbox.check_fd(fd)
        Sandbox.own(super)
      end

      def dup2(oldfd, newfd, *rest)
        Sandbox.check_fd(oldfd)
        Sandbox.check_own_fd(newfd)
        super
      end
      alias_method :dup3, :dup2

      def pipe(fds)
        result = super
        fds.read_array_of_int(2).each { |fd| Sandbox.own(fd) } if result == 0
        result
      end

      def getenv(name) = VISIBLE_ENV.include?(name.to_s) ? super : nil

      def setenv(name, *_rest) = Sandbox.refuse("ENV[#{name.inspect}]=", 'handlers may not change the environment')

      def unsetenv(name) = Sandbox.refuse("ENV.delete(#{name.inspect})", 'handlers may not change the environment')
    end
  end
end

Truffle::POSIX.singleton_class.prepend(TaskerCore::Sandbox::Gate)
ENV.instance_variable_set(:@variables, ENV.instance_variable_get(:@variables).select { |n| TaskerCore::Sandbox::VISIBLE_ENV.include?(n) })

module Kernel
  %i[` system spawn exec fork].each do |name|
    define_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse(name) }
    private name
    define_singleton_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse(name) }
  end

  alias_method :tasker_unguarded_require, :require
  private :tasker_unguarded_require

  def require(feature)
    if TaskerCore::Sandbox::REFUSED_LIBRARIES.match?(feature.to_s)
      TaskerCore::Sandbox.refuse("require '#{feature}'", 'handlers may not open sockets or make native calls (TaskerCore::StepHandler::Api makes HTTP calls)')
    end
    tasker_unguarded_require(feature)
  end
  private :require
end

class << Process
  %i[spawn fork exec daemon kill].each do |name|
    define_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse("Process.#{name}") }
  end
end

class << IO
  define_method(:popen) { |*_args, **_opts| TaskerCore::Sandbox.refuse('IO.popen') }
end
