// Synthetic catalogues of realistic shape for the benchmark: about 4 KB of YAML per
// anthology, with segments, 3 to 6 credits each, CJK names, releases and multi-paragraph
// reviews. Deterministic: the same count always gives the same files.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const FAMILY = [
  'Otomo',
  'Morimoto',
  'Kon',
  'Kanno',
  'Okamura',
  'Kawajiri',
  'Nakamura',
  'Umetsu',
  'Kitakubo',
  'Fukushima',
  'Yuasa',
  'Watanabe',
];
const GIVEN = [
  'Katsuhiro',
  'Koji',
  'Satoshi',
  'Yoko',
  'Tensai',
  'Yoshiaki',
  'Takashi',
  'Yasuomi',
  'Hiroyuki',
  'Atsuko',
  'Masaaki',
  'Shinichiro',
];
const KANJI = ['大友', '森本', '今', '菅野', '岡村', '川尻', '中村', '梅津', '北久保', '福島', '湯浅', '渡辺'];
const ROLES = ['director', 'screenplay', 'music', 'character-design', 'animation-director', 'art-director'];
const WORDS = ['memory', 'rose', 'cannon', 'city', 'robot', 'carnival', 'labyrinth', 'machine', 'dream', 'signal', 'garden', 'winter'];

let seed = 1;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pick = (list) => list[rand(list.length)];
const title = () => `${pick(WORDS)} ${pick(WORDS)}`.replace(/^./, (c) => c.toUpperCase());
const sentence = () => `The ${pick(WORDS)} of the ${pick(WORDS)} turns into a ${pick(WORDS)} while the ${pick(WORDS)} waits.`;

function anthology(i, staffCount) {
  const segs = 3 + rand(3);
  const credit = () => `          - { role: ${pick(ROLES)}, staff: person-${rand(staffCount)} }`;
  let y = `  - id: anthology-${i}\n    title: ${title()} ${i}\n    native_title: 作品${i}の${pick(KANJI)}\n    year: ${1980 + rand(45)}\n    released: ${1980 + rand(45)}-0${1 + rand(9)}-1${rand(9)}\n    runtime: ${60 + rand(60)}\n    studios: [Studio ${pick(WORDS)}]\n    synopsis: |\n      ${sentence()} ${sentence()}\n      ${sentence()}\n\n      ${sentence()} ${sentence()}\n    notes: ${sentence()} ${sentence()}\n    sources: [https://example.org/anthology/${i}]\n    segments:\n`;
  for (let s = 0; s < segs; s++) {
    y += `      - id: segment-${i}-${s}\n        title: ${title()}\n        native_title: ${pick(KANJI)}の${pick(KANJI)}\n        runtime: ${10 + rand(30)}\n        credits:\n`;
    for (let c = 0, n = 3 + rand(4); c < n; c++) y += `${credit()}\n`;
    y += `        synopsis: ${sentence()} ${sentence()}\n`;
  }
  return y;
}

function file(first, count, staffCount) {
  let anthologies = 'anthologies:\n';
  let releases = 'releases:\n';
  let reviews = 'reviews:\n';
  for (let i = first; i < first + count; i++) {
    anthologies += anthology(i, staffCount);
    releases += `  - id: release-${i}\n    anthology: anthology-${i}\n    format: blu-ray\n    country: JP\n    region: A\n    publisher: ${pick(WORDS)} Visual\n    released: 20${10 + rand(15)}-0${1 + rand(9)}-2${rand(9)}\n    video: { aspect_ratio: "1.85:1", anamorphic: true }\n    audio:\n      - { language: ja, format: Dolby TrueHD 5.1 }\n    subtitles: [en]\n    catalog_number: ${pick(WORDS).toUpperCase()}-${1000 + i}\n    extras:\n      - Interview with the ${pick(WORDS)} staff\n      - Storyboards for the ${pick(WORDS)} segment\n      - Trailers\n    sources: [https://example.org/release/${i}]\n`;
    reviews += `  - id: review-${i}\n    subject: anthology-${i}\n    author: Reviewer ${rand(50)}\n    rating: ${rand(11)}\n    text: |\n      ${sentence()} ${sentence()} ${sentence()}\n\n      ${sentence()} ${sentence()}\n\n      ${sentence()} ${sentence()} ${sentence()}\n\n      ${sentence()} ${sentence()} ${sentence()}\n`;
  }
  return `${anthologies}${releases}${reviews}`;
}

/** Write a catalogue of `count` anthologies into `dir` (100 anthologies a file), once. */
export function generate(dir, count) {
  if (existsSync(join(dir, 'done'))) return dir;
  seed = count;
  mkdirSync(dir, { recursive: true });
  const staffCount = Math.max(20, Math.round(count * 2));
  let staff = 'staff:\n';
  for (let p = 0; p < staffCount; p++)
    staff += `  - { id: person-${p}, name: ${GIVEN[p % 12]} ${FAMILY[(p * 7) % 12]} ${p}, native_name: ${KANJI[p % 12]}${KANJI[(p * 5) % 12]}${p} }\n`;
  writeFileSync(join(dir, 'staff.yaml'), staff);
  for (let first = 0; first < count; first += 100)
    writeFileSync(join(dir, `part-${String(first / 100).padStart(4, '0')}.yaml`), file(first, Math.min(100, count - first), staffCount));
  writeFileSync(join(dir, 'done'), '');
  return dir;
}
