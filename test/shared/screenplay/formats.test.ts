// Plain text and Final Draft import, format sniffing, and the single parseScript entry point.
import { parseScript, sniffScriptFormat, type ScriptElement } from '../../../shared/screenplay';

const brief = (elements: ScriptElement[]): [number, string, string][] =>
  elements.map((element) => [element.line, element.type, element.text]);

const FDX = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Number="1" Type="Scene Heading">
      <SceneProperties Length="1" Page="1" Title=""/>
      <Text>EXT. HARBOR CITY ROOFTOP - NIGHT</Text>
    </Paragraph>
    <Paragraph Type="Action">
      <Text>Rain hammers the roof. Kai &amp; Mara run &lt;fast&gt;.</Text>
    </Paragraph>
    <Paragraph Type="Character"><Text>MARA (V.O.)</Text></Paragraph>
    <Paragraph Type="Parenthetical"><Text>(over radio)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text Style="Bold">Tell me you </Text><Text>didn&apos;t.</Text></Paragraph>
    <Paragraph Type="Action"><Text></Text></Paragraph>
    <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
    <Paragraph Type="General"><Text>&#x6797;&#38431;&#38271; walks.</Text></Paragraph>
  </Content>
  <TitlePage><Content><Paragraph Type="Text"><Text>Night Drop</Text></Paragraph></Content></TitlePage>
</FinalDraft>
`;

describe('plain text import', () => {
  it('makes one action per non-empty line, with its line number', () => {
    const script = parseScript('Kai runs.\r\n\r\n  Fire rolls across the roof.  \nHe jumps.\n', {
      format: 'text',
    });
    expect(script.format).toBe('text');
    expect(brief(script.elements)).toEqual([
      [1, 'action', 'Kai runs.'],
      [3, 'action', 'Fire rolls across the roof.'],
      [4, 'action', 'He jumps.'],
    ]);
  });
});

describe('Final Draft import', () => {
  it('reads the paragraph types with decoded text and the XML line of each paragraph', () => {
    const script = parseScript(FDX);
    expect(script.format).toBe('fdx');
    expect(brief(script.elements)).toEqual([
      [4, 'scene_heading', 'EXT. HARBOR CITY ROOFTOP - NIGHT'],
      [8, 'action', 'Rain hammers the roof. Kai & Mara run <fast>.'],
      [11, 'character', 'MARA (V.O.)'],
      [12, 'parenthetical', '(over radio)'],
      [13, 'dialogue', "Tell me you didn't."],
      [15, 'transition', 'CUT TO:'],
      [16, 'action', '林队长 walks.'],
    ]);
    expect(script.elements[0]).toMatchObject({ sceneNumber: '1' });
    expect(script.elements[2]).toMatchObject({ name: 'MARA', extensions: ['V.O.'] });
  });

  it('tolerates a file with no Content wrapper, single quotes and CDATA', () => {
    const script = parseScript(
      "<FinalDraft><Paragraph Type='Action'><Text><![CDATA[a < b & c]]></Text></Paragraph></FinalDraft>",
      {
        format: 'fdx',
      },
    );
    expect(brief(script.elements)).toEqual([[1, 'action', 'a < b & c']]);
  });
});

describe('format sniffing', () => {
  it.each([
    ['<?xml version="1.0"?>\n<FinalDraft>', undefined, 'fdx'],
    ['anything', 'scene.fdx', 'fdx'],
    ['one line\nanother line', 'draft.fountain', 'fountain'],
    ['Title: X\n\nText.', undefined, 'fountain'],
    ['EXT. ROOF - NIGHT\n\nRain.', undefined, 'fountain'],
    ['Rain.\n\nKAI\nGo.', undefined, 'fountain'],
    ['Rain [[note]] falls.', undefined, 'fountain'],
    ['Kai runs to the edge.\nHe jumps.\nFire everywhere.', 'list.txt', 'text'],
    ['', undefined, 'text'],
  ] as const)('%j (%s) is %s', (text, fileName, expected) => {
    expect(sniffScriptFormat(text, fileName)).toBe(expected);
  });

  it('rejects an unknown format option, naming the option', () => {
    expect(() => parseScript('x', { format: 'pdf' as never })).toThrow(
      'parseScript: options.format must be one of fountain, text, fdx, chinese (got "pdf")',
    );
  });
});
