import type { StepError } from './api';

export interface SourceLocation {
  file: string;
  line: number;
}

// Frames of Tasker's own shims, which no user wrote.
const INTERNAL = /\/__tasker__\/|tasker_core\/|<internal|dev\.tasker\./;

const FRAME_PATTERNS: RegExp[] = [
  /^(.+?):(\d+) in \S+$/, // Python, as the bridge writes it: file:line in function
  /File "([^"]+)", line (\d+)/, // Python's own traceback text
  /\(?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):\d+\)?/, // JavaScript and TypeScript: (file:line:column)
  /^((?:\/|[A-Za-z]:\\)[^:]+):(\d+):in/, // Ruby: file:line:in 'method'
  /\(([^():]+\.java):(\d+)\)/, // Java: (File.java:line)
];

/**
 * Where the handler failed: the error's own file and line, else the innermost frame of its backtrace in a file of
 * the user's (Python lists the innermost frame last, the others first).
 */
export function errorLocation(error: StepError): SourceLocation | null {
  if (typeof error.file === 'string' && typeof error.line === 'number') return { file: error.file, line: error.line };
  const frames = [...(error.backtrace ?? [])];
  if (error.language === 'python') frames.reverse();
  for (const frame of frames) {
    if (INTERNAL.test(frame)) continue;
    for (const pattern of FRAME_PATTERNS) {
      const match = pattern.exec(frame.trim());
      if (match) return { file: match[1], line: Number(match[2]) };
    }
  }
  return null;
}
