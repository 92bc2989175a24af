import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { collectMetricSites, defineCodeRule, dynamicStringKind, isBoundedSpanNamePart, libraryBindings, recognizeSpanCall, ruleDocsUrl, type KnownLibrary } from '@obslint/core/code';

const ID = 'trace/span-name-cardinality';
const DESCRIPTION = 'Span names built from variables (`GET /users/${id}`): span names must be low-cardinality.';
const MESSAGES = {
  dynamic:
    'Span name is built from {{how}} (`{{text}}`): span names must be low-cardinality. Use a fixed name or the route template (e.g. `GET /users/:id`) and put the values in span attributes.',
};

const eslintRule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: DESCRIPTION, url: ruleDocsUrl(ID) },
    messages: MESSAGES,
    schema: [],
  },
  create(context) {
    let bindings = new Map<string, KnownLibrary>();
    let program: ESTree.Program | undefined;
    return {
      Program(node) {
        program = node as ESTree.Program;
        bindings = libraryBindings(program);
      },
      CallExpression(node) {
        const span = recognizeSpanCall(node as ESTree.CallExpression, (root) => bindings.get(root));
        if (!span || !program) return;
        // A bare variable is a wrapper passing a name through (`function traced(name, fn)`): judged at its callers.
        const kind = dynamicStringKind(span.name, collectMetricSites(program).constants, isBoundedSpanNamePart);
        if (kind !== 'template' && kind !== 'concatenation') return;
        context.report({
          node: span.name as Rule.Node,
          messageId: 'dynamic',
          data: { how: kind === 'template' ? 'a template literal' : 'string concatenation', text: context.sourceCode.getText(span.name as Rule.Node).slice(0, 60) },
        });
      },
    };
  },
};

export const spanNameCardinality = defineCodeRule({
  meta: {
    id: ID,
    domain: 'trace',
    description: DESCRIPTION,
    severity: 'warning',
    preset: 'recommended',
    messages: MESSAGES,
    defaultOptions: {},
    tags: ['tracing', 'cardinality'],
  },
  eslint: eslintRule,
});
