// Reading the routes and docs/api.md for the OpenAPI tests.
import fs from 'node:fs';
import path from 'node:path';

/** Each `+server.ts` under `dir` and the methods it exports, as `GET /api/v1/orders/{id}`. */
export function routeOperations(
	dir: string,
	prefix = '/api/v1'
): { method: string; path: string }[] {
	const found: { method: string; path: string }[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			found.push(
				...routeOperations(full, `${prefix}/${entry.name.replace(/^\[(\w+)\]$/, '{$1}')}`)
			);
		} else if (entry.name === '+server.ts') {
			const source = fs.readFileSync(full, 'utf8');
			for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
				found.push({ method, path: prefix });
		}
	}
	return found;
}

/** The anchors GitHub gives the headings of a Markdown file. */
export function githubSlugs(markdown: string): Set<string> {
	const slugs = new Set<string>();
	for (const [, heading] of markdown.matchAll(/^#{1,6} (.+)$/gm))
		slugs.add(
			heading
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N} _-]/gu, '')
				.replace(/ /g, '-')
		);
	return slugs;
}

export type Example =
	| { kind: 'request' | 'answer'; method: string; path: string; json: unknown; line: number }
	| { kind: 'error'; json: unknown; line: number };

const parse = (text: string): unknown => {
	try {
		return JSON.parse(text);
	} catch {
		return undefined; // shortened with "…", or not JSON: not a complete example
	}
};

/**
 * The complete JSON examples in the Markdown's code blocks: the body of each `curl -d '…'` to the
 * API, the JSON lines that follow a command (its answer), and every `{"error": …}` line (with or
 * without a status before it).
 */
export function documentedExamples(markdown: string): Example[] {
	const examples: Example[] = [];
	const lines = markdown.split('\n');
	let inBlock = false;
	let command: { method: string; path: string } | null = null;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (/^\s*```/.test(line)) {
			inBlock = !inBlock;
			command = null;
			continue;
		}
		if (!inBlock) continue;
		if (/^\s*\$ curl /.test(line)) {
			// A command goes on while it ends with a backslash or a quote is still open.
			let text = line;
			while (
				(text.trimEnd().endsWith('\\') || (text.match(/'/g)?.length ?? 0) % 2 === 1) &&
				i + 1 < lines.length
			)
				text += '\n' + lines[++i];
			const url = /https?:\/\/127\.0\.0\.1:3000(\/api\/v1\/[^\s'"?#]*)/.exec(text);
			const body = /(?:^|\s)-d '([^']*)'/.exec(text);
			const method = /-X (\w+)/.exec(text)?.[1] ?? (body ? 'POST' : 'GET');
			command = url ? { method, path: url[1] } : null;
			const json = body && command ? parse(body[1]) : undefined;
			if (json !== undefined && command)
				examples.push({ kind: 'request', ...command, json, line: i + 1 });
			continue;
		}
		const error = /^\s*(?:\d{3} )?(\{"error".*\})\s*$/.exec(line);
		if (error) {
			const json = parse(error[1]);
			if (json !== undefined) examples.push({ kind: 'error', json, line: i + 1 });
			continue;
		}
		if (command && /^\s*\{.*\}\s*$/.test(line)) {
			const json = parse(line.trim());
			if (json !== undefined) examples.push({ kind: 'answer', ...command, json, line: i + 1 });
		}
	}
	return examples;
}
