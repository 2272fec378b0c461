// Benchmark: reading a generated 500-scene (4 000-paragraph) Final Draft file, against saxes alone parsing the same XML.
import { SaxesParser } from 'saxes';
import { extractCandidateShots, parseScript } from '../shared/screenplay';
import { medianMs } from './parse-bench';
import type { BenchRow } from './table';

/** Paragraphs shaped like a Final Draft 13 file: scene properties, dual dialogue, notes, styled runs. */
export function generateFdxScript(blocks = 500): string {
  const block = `    <Paragraph Number="1" Type="Scene Heading">
      <SceneProperties Length="1/8" Page="1" Title=""><SceneArcBeats/></SceneProperties>
      <Text>EXT. HARBOR CITY ROOFTOP - NIGHT</Text>
    </Paragraph>
    <Paragraph Type="Action">
      <ScriptNote ID="1" Position="0"><Paragraph><Text>SHOT: wide, locked-off camera</Text></Paragraph></ScriptNote>
      <Text>Rain hammers a flat concrete roof forty floors up. </Text><Text Style="Bold">Neon</Text><Text> paints the puddles.</Text>
    </Paragraph>
    <Paragraph>
      <DualDialogue>
        <Paragraph Type="Character"><Text>Kai (V.O.)</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Tell me you did not.</Text></Paragraph>
        <Paragraph Type="Character"><Text>MARA</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>I did.</Text></Paragraph>
      </DualDialogue>
    </Paragraph>
    <Paragraph Type="Parenthetical"><Text>(over radio)</Text></Paragraph>
    <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
${block.repeat(blocks)}  </Content>
  <ElementSettings Type="Character"><FontSpec Style="AllCaps"/><Behavior PaginateAs="Character"/></ElementSettings>
</FinalDraft>
`;
}

export async function benchFdx(): Promise<BenchRow[]> {
  const xml = generateFdxScript();
  const runs = 15;
  for (let run = 0; run < 3; run++) extractCandidateShots(parseScript(xml, { format: 'fdx' }));
  // The raw tool: the same XML through saxes with no handlers, the floor for any reader built on it.
  const baselineMs = medianMs(runs, () => void new SaxesParser({ position: true }).write(xml).close());
  const parseMs = medianMs(runs, () => void parseScript(xml, { format: 'fdx' }));
  const shotsMs = medianMs(runs, () => void extractCandidateShots(parseScript(xml, { format: 'fdx' })));
  return [
    { name: 'parse fdx, 4 000 paragraphs', ms: parseMs, baselineMs, baseline: 'saxes alone' },
    {
      name: 'parse fdx + candidate shots, 4 000 paragraphs',
      ms: shotsMs,
      baselineMs,
      baseline: 'saxes alone',
    },
  ];
}
