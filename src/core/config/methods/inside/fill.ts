/** Replaces each {name} in a graph label by the named value; an unknown name is left as written. */
export function fillTemplate(text: string, values: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/** Whether ParamSet `block` belongs to the graph name `name` (itself, or a part of it such as name.last). */
export function ownsBlock(name: string, block: string): boolean {
  return block === name || block.startsWith(`${name}.`);
}

/** Trained parameters of a graph block: the sum over every ParamSet it owns. */
export function blockParameterCount(names: readonly string[], blocks: Readonly<Record<string, number>>): number {
  return Object.entries(blocks).reduce((s, [block, n]) => s + (names.some((name) => ownsBlock(name, block)) ? n : 0), 0);
}
