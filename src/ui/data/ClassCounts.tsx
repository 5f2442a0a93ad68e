/** Images per class as a compact list; class names come from the user's folders: rendered as text. */
export function ClassCounts({ names, counts }: { names: readonly string[]; counts: readonly number[] }) {
  return (
    <ul className="class-counts" data-testid="class-counts">
      {names.map((name, i) => (
        <li key={i} data-testid="class-count">
          <span className="class-counts__name">{name}</span> <span className="class-counts__n">{counts[i] ?? 0}</span>
        </li>
      ))}
    </ul>
  );
}
