// Each probe tries something a handler may not do; the handler reports what happened instead of failing.
import { StepHandler } from '@tasker-systems/tasker';
import { readFileSync } from 'node:fs';

const here = import.meta.url.replace(/^file:\/\//, '').replace(/[^/]*$/, '');

const PROBES = {
  write_file: async () => (await import('node:fs')).writeFileSync('/tmp/tasker-sandbox-js.txt', 'x'),
  read_outside: async () => readFileSync('/etc/passwd', 'utf8'),
  read_through_link: async () => readFileSync(`${here}passwd_link`, 'utf8'),
  list_outside: async () => (await import('node:fs')).readdirSync('/'),
  read_inside: async () => readFileSync(`${here}data.txt`, 'utf8'),
  environment: async () => process.env.PATH,
  start_process: async () => (await import('child_process')).execSync('true'),
  backticks: async () => Polyglot.eval('ruby', '`id`'),
  open_socket: async () => (await import('net')).connect(0),
  host_class: async () => Java.type('java.lang.System'),
  native_call: async () => Polyglot.eval('nfi', 'default'),
};

export class SandboxProbe extends StepHandler {
  async call(context) {
    try {
      const value = await PROBES[context.getInput('probe')]();
      return this.success({ refused: false, value: String(value).slice(0, 200) });
    } catch (e) {
      return this.success({ refused: true, error: `${e?.name}: ${e?.message}` });
    }
  }
}
