// The official openai SDK against a running Drover: list models, chat, streamed chat, embeddings, and a
// typed error for an unknown model; then both it and the official ollama client (ollama-js) with the demo's alias
// "chat" (listed, and answered under that name); then ollama-js pulling to every node at once through the merged
// progress stream (X-Drover-Endpoint: *), and a pull that fails midway on one node.
// Usage: node check.mjs http://127.0.0.1:11435/v1
import OpenAI, { NotFoundError } from 'openai';
import { Ollama } from 'ollama';

const baseURL = process.argv[2] ?? 'http://127.0.0.1:11435/v1';
const client = new OpenAI({ baseURL, apiKey: 'drover', maxRetries: 0 });
const failures = [];
const check = (what, ok, detail) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failures.push(what);
};

const models = [];
for await (const model of client.models.list()) models.push(model.id);
check('models.list', models.includes('llama3.2:latest') && models.includes('all-minilm:latest'), models.join(', '));

const chat = await client.chat.completions.create({
  model: 'llama3.2', messages: [{ role: 'user', content: 'Say hello' }],
});
check('chat.completions.create', chat.choices[0]?.message?.content?.length > 0, chat.choices[0]?.message?.content);

const stream = await client.chat.completions.create({
  model: 'llama3.2', stream: true, stream_options: { include_usage: true },
  messages: [{ role: 'user', content: 'Count' }],
});
let pieces = 0; let text = ''; let usage = null;
for await (const chunk of stream) {
  if (chunk.choices[0]?.delta?.content) { pieces++; text += chunk.choices[0].delta.content; }
  if (chunk.usage) usage = chunk.usage;
}
check('chat.completions.create stream', pieces > 1 && usage?.completion_tokens > 0,
  `${pieces} pieces, usage ${JSON.stringify(usage)}`);

const embeddings = await client.embeddings.create({ model: 'all-minilm', input: ['first', 'second'] });
check('embeddings.create', embeddings.data.length === 2 && embeddings.data[1].embedding.length > 0,
  `${embeddings.data.length} vectors of ${embeddings.data[0]?.embedding.length}`);

try {
  await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] });
  check('unknown model raises NotFoundError', false, 'no error');
} catch (error) {
  check('unknown model raises NotFoundError', error instanceof NotFoundError, error.message);
}

check('models.list shows the alias', models.includes('chat'), models.join(', '));
const aliased = await client.chat.completions.create({
  model: 'chat', messages: [{ role: 'user', content: 'Say hello' }],
});
check('chat.completions.create by alias answers as the alias', aliased.model === 'chat', aliased.model);

const ollama = new Ollama({ host: baseURL.replace(/\/v1$/, '') });
const listed = (await ollama.list()).models.map((m) => m.name);
check('ollama-js list shows the alias', listed.includes('chat:latest') && listed.includes('llama3.2:latest'),
  listed.join(', '));
let streamedModels = new Set(); let streamedText = '';
for await (const part of await ollama.chat({ model: 'chat', messages: [{ role: 'user', content: 'hi' }], stream: true })) {
  streamedModels.add(part.model); streamedText += part.message.content;
}
check('ollama-js streamed chat by alias answers as the alias', streamedModels.size === 1 && streamedModels.has('chat')
  && streamedText.length > 0, [...streamedModels].join(', '));

// Pull to every node at once: the merged stream must read to ollama-js as one pull with a sensible progress.
const host = baseURL.replace(/\/v1$/, '');
const nodes = (await (await fetch(`${host}/internal/status`)).json()).endpoints;
const fault = (url, faults) => fetch(`${url.replace(/\/$/, '')}/_sim/faults`, { method: 'POST', body: JSON.stringify(faults) });
for (const node of nodes) await fault(node.url, { pull_ms: 300, pull_fail_at: -1 });
const fleet = new Ollama({ host, headers: { 'X-Drover-Endpoint': '*' } });
const parts = [];
for await (const part of await fleet.pull({ model: 'gemma3', stream: true })) parts.push(part);
const layer = parts.filter((p) => p.digest && p.total > 0);
const rising = layer.every((p, i) => p.completed <= p.total && (i === 0 || p.completed >= layer[i - 1].completed));
const finalPercent = layer.length ? Math.round(100 * layer.at(-1).completed / layer.at(-1).total) : 0;
check('ollama-js pull to every node ends with success', parts.at(-1)?.status === 'success',
  `${parts.length} parts, last ${JSON.stringify(parts.at(-1)).slice(0, 120)}`);
check('ollama-js pull progress rises once to 100% across the nodes', layer.length > nodes.length && rising
  && finalPercent === 100, `${layer.length} layer parts, ends at ${finalPercent}%`);
const whole = await fleet.pull({ model: 'phi3:mini', stream: false });
check('ollama-js pull without stream returns success', whole.status === 'success', JSON.stringify(whole).slice(0, 120));
await fault(nodes[1].url, { pull_fail_at: 50 });
try {
  for await (const part of await fleet.pull({ model: 'mistral', stream: true })) { /* progress */ }
  check('ollama-js pull failing on one node raises', false, 'no error');
} catch (error) {
  check('ollama-js pull failing on one node raises, naming it', error.message.includes(`failed on ${nodes[1].name}`),
    error.message);
}
await fault(nodes[1].url, { pull_fail_at: -1 });

if (failures.length > 0) {
  console.error(`openai SDK check failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('openai SDK check passed');
