// Rule tables: camera, style, weather and light words in English and Chinese, each with the label to fill in.

export interface VocabularyTerm {
  readonly key: string;
  /** Labels written into the shot; `{1}` takes the pattern's first capture (e.g. a focal length). */
  readonly en: string;
  readonly zh: string;
  readonly patterns: readonly RegExp[];
}

type Table = readonly VocabularyTerm[];

const term = (key: string, en: string, zh: string, ...patterns: RegExp[]): VocabularyTerm =>
  Object.freeze({ key, en, zh, patterns: Object.freeze(patterns) });

export const SHOT_SIZE_TERMS: Table = Object.freeze([
  term(
    'extreme_wide',
    'extreme wide shot',
    '大远景',
    /\bextreme(?:ly)?[- ]wide\b/i,
    /\bextreme long shot\b/i,
    /\bE(?:W|L)S\b/,
    /大远景/,
  ),
  term(
    'wide',
    'wide shot',
    '远景',
    /\bwide\b(?![- ]angle)/i,
    /\blong shot\b/i,
    /\bestablishing shot\b/i,
    /\b[WL]S\b/,
    /远景/,
  ),
  term('full', 'full shot', '全景', /\bfull(?:[- ]body)? shot\b/i, /全景/),
  term('medium', 'medium shot', '中景', /\bmedium shot\b/i, /\bmid[- ]shot\b/i, /\bMS\b(?!\.)/, /中景/),
  term('medium_close', 'medium close-up', '近景', /\bmedium close[- ]?up\b/i, /\bMCU\b/, /近景/),
  // CLOSE ON and INSERT are how screenplays ask for a close-up of a person or an object.
  term(
    'close_up',
    'close-up',
    '特写',
    /\bclose[- ]?up\b/i,
    /\bclose shot\b/i,
    /\bCLOSE ON\b/i,
    /\bINSERT\b/,
    /\bCU\b/,
    /特写/,
  ),
  term('extreme_close_up', 'extreme close-up', '大特写', /\bextreme close[- ]?up\b/i, /\bECU\b/, /大特写/),
]);

export const CAMERA_ANGLE_TERMS: Table = Object.freeze([
  term('low', 'low angle', '低角度', /\blow[- ]angle\b/i, /低角度/, /仰拍/, /仰视/),
  term('high', 'high angle', '高角度', /\bhigh[- ]angle\b/i, /高角度/, /俯拍/, /俯视/),
  term('eye_level', 'eye level', '平视', /\beye[- ]level\b/i, /平视/),
  term('pov', 'point-of-view shot', '主观视角', /\bPOV\b/, /\bpoint[- ]of[- ]view\b/i, /主观(?:镜头|视角)/),
  term(
    'overhead',
    "bird's-eye view",
    '鸟瞰',
    /\bbird'?s[- ]eye\b/i,
    /\boverhead shot\b/i,
    /\btop[- ]down\b/i,
    /\bOVERHEAD\b/,
    /鸟瞰/,
    /顶拍/,
  ),
  term('dutch', 'dutch angle', '倾斜构图', /\bdutch (?:angle|tilt)\b/i, /荷兰角/, /斜角构图/, /倾斜构图/),
]);

// Movement words are matched with camera context ("camera pans") where the bare word means something else.
export const CAMERA_MOVEMENT_TERMS: Table = Object.freeze([
  term(
    'static',
    'locked-off camera',
    '固定机位',
    /\blocked[- ]off\b/i,
    /\bstatic (?:shot|camera)\b/i,
    /\bfixed (?:[a-z-]+ )?(?:shot|camera)\b/i,
    /固定机位/,
    /固定镜头/,
  ),
  term('handheld', 'handheld camera', '手持摄影', /\bhand[- ]?held\b/i, /手持/),
  term(
    'tracking',
    'tracking shot',
    '跟拍',
    /\btracking shot\b/i,
    /\bcamera (?:tracks|follows)\b/i,
    /\bTRACKING\b/,
    /跟拍/,
    /跟镜头/,
  ),
  // The bare Chinese 推/拉/摇/移 are camera moves only when they stand alone between punctuation.
  term(
    'dolly_in',
    'slow push-in',
    '推镜头',
    /\b(?:push(?:es)?|dolly|dollies)[- ]in\b/i,
    /推镜头/,
    /推近/,
    /(?<=^|[，。、；\s])推(?=[，。、；\s]|$)/u,
  ),
  term(
    'dolly_out',
    'pull back',
    '拉镜头',
    /\b(?:pull(?:s)?|dolly|dollies)[- ](?:back|out)\b/i,
    /拉镜头/,
    /拉远/,
    /(?<=^|[，。、；\s])拉(?=[，。、；\s]|$)/u,
  ),
  term('whip_pan', 'whip pan', '甩镜头', /\bwhip[- ]pans?\b/i, /甩镜头?/),
  term(
    'pan',
    'pan',
    '摇镜头',
    /\bcamera pans\b/i,
    /\bpan (?:left|right|across)\b/i,
    /摇镜头/,
    /横摇/,
    /(?<=^|[，。、；\s])摇(?=[，。、；\s]|$)/u,
  ),
  term(
    'truck',
    'lateral tracking move',
    '移镜头',
    /\btrucks? (?:left|right)\b/i,
    /移镜头/,
    /(?<=^|[，。、；\s])移(?=[，。、；\s]|$)/u,
  ),
  term('tilt', 'tilt', '俯仰摇镜', /\bcamera tilts\b/i, /\btilts? (?:up|down)\b/i),
  term('dolly', 'dolly shot', '轨道镜头', /\bdolly shot\b/i, /\bDOLLY\b/, /轨道/),
  term('crane', 'crane shot', '升降镜头', /\bcrane (?:shot|up|down)\b/i, /\bCRANE\b/, /升降镜头/, /摇臂/),
  term('orbit', 'orbiting camera', '环绕运镜', /\borbit(?:ing)? (?:shot|camera)\b/i, /\barc shot\b/i, /环绕/),
  term('aerial', 'aerial drone shot', '航拍', /\b(?:aerial|drone) shot\b/i, /航拍/),
  term('zoom', 'zoom', '变焦', /\b(?:crash )?zoom(?:s)? (?:in|out)\b/i, /变焦/),
]);

export const LENS_TERMS: Table = Object.freeze([
  term('focal_length', '{1}mm lens', '{1}mm镜头', /\b(\d{2,3}) ?mm\b/i),
  term('wide_angle', 'wide-angle lens', '广角镜头', /\bwide[- ]angle\b/i, /广角/),
  term('telephoto', 'telephoto lens', '长焦镜头', /\btelephoto\b/i, /长焦/),
  term('fisheye', 'fisheye lens', '鱼眼镜头', /\bfish[- ]?eye\b/i, /鱼眼/),
  term('macro', 'macro lens', '微距镜头', /\bmacro\b/i, /微距/),
  term('anamorphic', 'anamorphic lens', '变形宽银幕镜头', /\banamorphic\b/i, /变形宽银幕/),
]);

export const STYLE_TERMS: Table = Object.freeze([
  term('slow_motion', 'slow motion', '慢动作', /\bslow[- ]motion\b/i, /\bslo[- ]?mo\b/i, /慢动作/, /慢镜头/),
  term('cyberpunk', 'cyberpunk', '赛博朋克', /\bcyberpunk\b/i, /赛博朋克/),
  term('film_noir', 'film noir', '黑色电影', /\bfilm noir\b/i, /\bnoir\b/i, /黑色电影/),
  term('black_and_white', 'black and white', '黑白', /\bblack[- ]and[- ]white\b/i, /黑白(?:画面|影像|电影)/),
  term('documentary', 'documentary style', '纪录片风格', /\bdocumentary\b/i, /纪录片/),
  term('anime', 'anime style', '动漫风格', /\banime\b/i, /动漫/, /动画风格/),
  term('cinematic', 'cinematic', '电影感', /\bcinematic\b/i, /电影感/),
]);

export const WEATHER_TERMS: Table = Object.freeze([
  term(
    'heavy_rain',
    'heavy rain',
    '暴雨',
    /\b(?:heavy|pouring|torrential) rain\b/i,
    /\bdownpour\b/i,
    /暴雨/,
    /大雨/,
    /倾盆/,
  ),
  term('rain', 'rain', '雨', /\brain(?:s|ing|y)?\b/i, /\bdrizzle\b/i, /雨/),
  term('snow', 'snow', '雪', /\bsnow(?:s|ing|y)?\b/i, /雪/),
  term('fog', 'fog', '雾', /\bfog(?:gy)?\b/i, /\bmist(?:y)?\b/i, /雾/),
  term('storm', 'storm', '暴风雨', /\bstorm(?:y)?\b/i, /\bthunder\b/i, /暴风/, /雷雨/, /雷电/),
  term(
    'wind',
    'strong wind',
    '大风',
    /\b(?:strong|howling|high) winds?\b/i,
    /\bwindy\b/i,
    /\bgales?\b/i,
    /大风/,
    /狂风/,
  ),
]);

export const LIGHTING_TERMS: Table = Object.freeze([
  term('neon', 'neon light', '霓虹灯光', /\bneon\b/i, /霓虹/),
  term('street_lamps', 'street lamps', '路灯', /\bstreet ?(?:lamps?|lights?)\b/i, /路灯/),
  term('firelight', 'firelight', '火光', /\bfire(?:light)?\b/i, /\bflames?\b/i, /火光/, /火焰/),
  term('strobe', 'strobing light', '频闪灯光', /\bstrob(?:e|es|ing)\b/i, /频闪/, /闪烁/),
  term('headlight', 'headlight', '车灯', /\bheadlights?\b/i, /车灯/, /头灯/),
  term('moonlight', 'moonlight', '月光', /\bmoon(?:light|lit)?\b/i, /月光/, /月色/),
  term(
    'flashlight',
    'flashlight beam',
    '手电筒光',
    /\bflashlights?\b/i,
    /\btorch ?(?:light|beam)\b/i,
    /手电/,
  ),
  term(
    'golden_hour',
    'golden hour light',
    '金色夕阳',
    /\bgolden hour\b/i,
    /黄金时刻/,
    /金色(?:的)?(?:夕阳|阳光)/,
  ),
  term('sunlight', 'sunlight', '阳光', /\bsun(?:light|lit|shine)?\b/i, /阳光/, /烈日/),
  term('haze', 'soft haze', '雾气弥漫', /\bfog(?:gy)?\b/i, /\bhaze\b/i, /雾气/, /薄雾/),
  term('candlelight', 'candlelight', '烛光', /\bcandle(?:light|lit)?\b/i, /烛光/),
  term('backlight', 'backlight', '逆光', /\bbacklit\b/i, /\bbacklight\b/i, /逆光/),
  term('silhouette', 'silhouette', '剪影', /\bsilhouette[ds]?\b/i, /剪影/),
]);
