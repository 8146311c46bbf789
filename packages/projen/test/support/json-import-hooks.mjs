// Node module hooks: @actions/workflow-parser imports its JSON schemas without `with { type: 'json' }`,
// which Node 20 refuses; this adds the attribute to every .json import.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json')) return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  return nextLoad(url, context);
}
