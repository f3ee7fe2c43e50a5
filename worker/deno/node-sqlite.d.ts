// node:sqlite as Deno provides it, for worker/tsconfig.json, which has workerd types and no Node types.
declare module "node:sqlite" {
  export class DatabaseSync {
    constructor(path: string);
    prepare(sql: string): import("./sqlite.ts").SqliteStatement;
    exec(sql: string): void;
    close(): void;
  }
}
