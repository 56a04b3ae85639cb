import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDITABLE_FIELDS } from '../../lib/reading-list/entry';
import { mergeStates } from '../../lib/sync/merge';
import { canonical, expectedList, listOf, Replica, type Log } from './sync-replica';

const ids = fc.constantFrom('p1', 'p2');
const replica = fc.integer({ min: 0, max: 2 });
const value = fc.string({ minLength: 1, maxLength: 6 });
// Wall clocks jump, repeat (same millisecond) and disagree between devices (skew below).
const step = fc.integer({ min: 0, max: 40 });

const op = fc.oneof(
  fc.record({ kind: fc.constant('save' as const), r: replica, id: ids, value, step }),
  fc.record({
    kind: fc.constant('edit' as const),
    r: replica,
    id: ids,
    key: fc.constantFrom(...EDITABLE_FIELDS),
    value,
    step,
  }),
  fc.record({ kind: fc.constant('delete' as const), r: replica, id: ids, step }),
  fc.record({ kind: fc.constant('sync' as const), r: replica, from: replica, step }),
);

/** The final exchange: each device merges the others' states in its own order, some more than once. */
const finalOrders = fc.array(fc.array(replica, { minLength: 3, maxLength: 8 }), {
  minLength: 3,
  maxLength: 3,
});

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function run(ops: Op[], skews: number[]) {
  const log: Log = { writes: [], deletes: [] };
  const replicas = ['deva', 'devb', 'devc'].map((node, i) => new Replica(node, skews[i]!, log));
  let now = 1_000;
  for (const o of ops) {
    now += o.step;
    const r = replicas[o.r]!;
    if (o.kind === 'save') r.save(o.id, o.value, now);
    else if (o.kind === 'edit') r.edit(o.id, o.key, o.value, now);
    else if (o.kind === 'delete') r.remove(o.id, now);
    else r.absorb(replicas[o.from]!.state, now);
  }
  return { log, replicas, now };
}

describe('sync engine properties (three replicas)', () => {
  it('any interleaving of edits, merged in any order any number of times, ends identical and loses only overwritten edits', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 3, maxLength: 3 }),
        finalOrders,
        (ops, skews, orders) => {
          const { log, replicas, now } = run(ops, skews);
          const before = replicas.map((r) => r.state);
          replicas.forEach((r, i) => {
            // Everyone sees everyone's last state at least once, in any order, repeats allowed.
            for (const from of [...orders[i]!, 0, 1, 2]) r.absorb(before[from]!, now);
          });
          const texts = replicas.map((r) => canonical(r.state));
          expect(texts[1]).toBe(texts[0]);
          expect(texts[2]).toBe(texts[0]);
          expect(listOf(replicas[0]!.state)).toEqual(expectedList(log));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('merge is commutative, associative and idempotent on reachable states', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 3, maxLength: 3 }),
        (ops, skews) => {
          const [a, b, c] = run(ops, skews).replicas.map((r) => r.state) as [
            ReturnType<typeof mergeStates>,
            ReturnType<typeof mergeStates>,
            ReturnType<typeof mergeStates>,
          ];
          expect(canonical(mergeStates(a, b))).toBe(canonical(mergeStates(b, a)));
          expect(canonical(mergeStates(mergeStates(a, b), c))).toBe(
            canonical(mergeStates(a, mergeStates(b, c))),
          );
          expect(canonical(mergeStates(a, a))).toBe(canonical(a));
          const ab = mergeStates(a, b);
          expect(canonical(mergeStates(ab, b))).toBe(canonical(ab));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
