/** Ends a command-line tool with a message on stderr, each line prefixed with the tool's name. */
export function failAndExit(tool: string, message: string, code: number): never {
  process.stderr.write(`${tool}: ${message.replace(/\n/g, `\n${tool}: `)}\n`);
  process.exit(code);
}
