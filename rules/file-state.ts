import type { Rule } from 'eslint';

/**
 * Work a family of ESLint rules shares for one file (the log rules' recognised calls, the metric rules' sites):
 * the first rule of the family created for a file makes the state and gets the listeners that fill it during
 * ESLint's own traversal; the family's other rules get the same state. All of them read it at `Program:exit`,
 * when the traversal is done. One listener per node instead of one per rule, and no second walk of the tree.
 */
const states = new WeakMap<object, Map<string, unknown>>();

export function sharedFileState<T>(context: Rule.RuleContext, key: string, make: () => { state: T; feed: Rule.RuleListener }): { state: T; feed?: Rule.RuleListener } {
  let byKey = states.get(context.sourceCode);
  if (!byKey) states.set(context.sourceCode, (byKey = new Map()));
  if (byKey.has(key)) return { state: byKey.get(key) as T };
  const made = make();
  byKey.set(key, made.state);
  return made;
}
