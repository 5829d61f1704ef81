// A read-only `fs` for handlers: readFileSync of files below the handler directories, as UTF-8 text.
export function readFileSync(path, _options) {
  const name = typeof path === 'string' ? path : (path && path.href) ? path.href : String(path);
  const answer = JSON.parse(globalThis.__tasker_read_file(name));
  if (!answer.ok) {
    throw new Error(answer.message);
  }
  return answer.text;
}

export function existsSync(path) {
  try {
    readFileSync(path);
    return true;
  } catch (_e) {
    return false;
  }
}

export default { readFileSync, existsSync };
