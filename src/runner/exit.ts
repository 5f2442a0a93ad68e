/**
 * Ends a command-line tool with a message on stderr, prefixed with the tool's name; with everyLine,
 * each line is (a sweep lists one problem a line, each readable on its own in a log).
 */
export function failAndExit(tool: string, message: string, code: number, everyLine = false): never {
  process.stderr.write(`${tool}: ${everyLine ? message.replace(/\n/g, `\n${tool}: `) : message}\n`);
  process.exit(code);
}
