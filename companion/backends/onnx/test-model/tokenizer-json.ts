// A small Unigram tokenizer.json in umT5's conventions: <pad>=0, </s>=1 appended, <unk>=2, lower-cased words.

const WORDS =
  'a an the and of in on at to with from by is are his her their it as night day rain city roof street car ' +
  'man woman kai leaps explodes fire tank harbor edge behind slowly fast camera close wide shot dark light ' +
  'red blue coat runs walks turns looks door window sky sea ship smoke , .';

export function buildTokenizerJson(): { json: object; vocabSize: number } {
  // Unigram like umT5 (tokenizers.js has no WordLevel): whole words, then single characters as fallback.
  const pieces: [string, number][] = [
    ['<pad>', 0],
    ['</s>', 0],
    ['<unk>', 0],
  ];
  const seen = new Set(pieces.map((p) => p[0]));
  const add = (piece: string, score: number) => {
    if (!seen.has(piece)) pieces.push([piece, score]);
    seen.add(piece);
  };
  for (const word of WORDS.split(' ')) add(`\u2581${word}`, -5);
  for (const ch of '\u2581abcdefghijklmnopqrstuvwxyz0123456789,.!?飞船的人') add(ch, -10);
  const special = (id: number, content: string) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, '<pad>'), special(1, '</s>'), special(2, '<unk>')],
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: { '</s>': { id: '</s>', ids: [1], tokens: ['</s>'] } },
    },
    decoder: { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 2, vocab: pieces, byte_fallback: false },
  };
  return { json, vocabSize: pieces.length };
}
