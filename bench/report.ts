import { appendFileSync, existsSync, writeFileSync } from "node:fs";

// The bench's output: one row per figure with its budget, printed and appended to docs/benchmarks.md.

export interface FigureRow {
  readonly figure: string;
  readonly value: string;
  readonly budget: string;
}

const DOC = new URL("../docs/benchmarks.md", import.meta.url).pathname;

/** Prints the rows as an aligned table. */
export function printTable(rows: readonly FigureRow[]): void {
  const width = (key: keyof FigureRow) => Math.max(key.length, ...rows.map((r) => r[key].length));
  const [f, v, b] = [width("figure"), width("value"), width("budget")];
  const line = (r: FigureRow) => `${r.figure.padEnd(f)}  ${r.value.padEnd(v)}  ${r.budget.padEnd(b)}`;
  console.log(`\n${line({ figure: "figure", value: "value", budget: "budget" })}`);
  console.log(`${"-".repeat(f)}  ${"-".repeat(v)}  ${"-".repeat(b)}`);
  for (const row of rows) console.log(line(row));
}

/** Appends a dated section (Markdown table plus notes) to docs/benchmarks.md. */
export function appendToDoc(
  date: string,
  machine: string,
  rows: readonly FigureRow[],
  notes: readonly string[],
): void {
  if (!existsSync(DOC)) writeFileSync(DOC, "# Benchmarks\n");
  const table = [
    "| figure | value | budget |",
    "|---|---|---|",
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.budget} |`),
  ];
  const section = [
    `\n## ${date} — \`npm run bench\``,
    "",
    machine,
    "",
    ...table,
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ];
  appendFileSync(DOC, section.join("\n"));
}
