// `npx tsx bench/profile-top.ts <file.cpuprofile> [count]`: the functions that used the most CPU
// themselves (self time) in a profile written by `node --cpu-prof` (BENCH_SERVER_NODE_OPTIONS),
// and the share of our code, the dependencies and Node's own.
import fs from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

const [file, count = '25'] = process.argv.slice(2);
if (!file) {
	console.error('usage: tsx bench/profile-top.ts <file.cpuprofile> [count]');
	process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

/** Microseconds of self time per sampled node: each sample's time is the delta to the next. */
const selfTime = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
	const delta = profile.timeDeltas[i + 1] ?? 0;
	selfTime.set(profile.samples[i], (selfTime.get(profile.samples[i]) ?? 0) + delta);
}

function placeOf(url: string): string {
	if (!url) return 'native';
	if (url.startsWith('node:')) return 'node';
	if (url.includes('/node_modules/')) return 'dependencies';
	return 'ours';
}

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
let total = 0;
for (const [id, micros] of selfTime) {
	const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
	const where = url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
	const key = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`;
	byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
	const place = functionName === '(idle)' ? 'idle' : placeOf(url);
	byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
	total += micros;
}

const pct = (micros: number) => ((100 * micros) / total).toFixed(1).padStart(5) + '%';
console.log(`profile: ${(total / 1e6).toFixed(1)} s sampled`);
for (const [place, micros] of [...byPlace].sort((a, b) => b[1] - a[1]))
	console.log(`${pct(micros)}  ${place}`);
console.log('\nself time, top functions:');
for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(count)))
	console.log(`${pct(micros)} ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
