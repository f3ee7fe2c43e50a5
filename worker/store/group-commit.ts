// Group commit: concurrent callers in one isolate share one db.batch (one D1 round trip, one
// transaction), each getting back only its own statements' results, and only after the commit.
// One batch is in flight at a time; callers arriving meanwhile form the next group, whose first
// caller (the leader) sends it from its own request once the batch before has finished. Sending from
// the leader, never from the previous group's code, keeps every D1 call owned by a request that is
// still waiting for it: workerd may cancel a finished request's I/O.

/** Runs one caller's statements as part of a shared D1 batch. */
export type GroupBatch = <T>(statements: D1PreparedStatement[]) => Promise<D1Result<T>[]>;

interface Member {
  readonly statements: D1PreparedStatement[];
  readonly resolve: (results: D1Result[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Group {
  readonly members: Member[];
}

/** A GroupBatch over `db` joining at most `maxGroup` callers per D1 batch. */
export function createGroupCommit(db: D1Database, maxGroup = 16): GroupBatch {
  let open: Group | null = null;
  let tail: Promise<void> = Promise.resolve();

  const lead = async (group: Group) => {
    const previous = tail;
    let finished = () => {};
    tail = new Promise<void>((resolve) => {
      finished = resolve;
    });
    await previous;
    if (open === group) open = null;
    try {
      await commit(db, group.members);
    } finally {
      finished();
    }
  };

  return <T>(statements: D1PreparedStatement[]) =>
    new Promise<D1Result<T>[]>((resolve, reject) => {
      const member: Member = { statements, resolve: resolve as Member["resolve"], reject };
      if (open !== null && open.members.length < maxGroup) {
        open.members.push(member);
        return;
      }
      const group: Group = { members: [member] };
      open = group;
      void lead(group);
    });
}

async function commit(db: D1Database, members: readonly Member[]): Promise<void> {
  if (members.length === 1) {
    const [only] = members as [Member];
    await db.batch(only.statements).then(only.resolve, only.reject);
    return;
  }
  let results: D1Result[];
  try {
    results = await db.batch(members.flatMap((m) => m.statements));
  } catch {
    // One caller's statements failed the shared transaction: run each alone, so the others still
    // commit and only the faulty one sees its error.
    await Promise.all(members.map((m) => db.batch(m.statements).then(m.resolve, m.reject)));
    return;
  }
  let offset = 0;
  for (const member of members) {
    member.resolve(results.slice(offset, offset + member.statements.length));
    offset += member.statements.length;
  }
}
