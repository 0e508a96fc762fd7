// The official openai SDK against a running Drover: list models, chat, streamed chat, embeddings, and a
// typed error for an unknown model; then both it and the official ollama client (ollama-js) with the demo's alias
// "chat" (listed, and answered under that name). Usage: node check.mjs http://127.0.0.1:11435/v1
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

if (failures.length > 0) {
  console.error(`openai SDK check failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('openai SDK check passed');
