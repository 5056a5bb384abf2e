import type { Sql, Tx } from '../db';

/** A table as a backup sees it: its name and the columns that hold data (generated ones do not). */
export interface TableShape {
	name: string;
	columns: string[];
}

/**
 * Every table of the app (schema_migrations aside: a backup records its own list of migrations),
 * parents before children, so rows can be inserted in this order without breaking a foreign key.
 */
export async function tablesInOrder(q: Sql | Tx): Promise<TableShape[]> {
	const tables = await q<{ name: string; columns: string[] }[]>`
		select c.table_name as name,
			array_agg(c.column_name::text order by c.ordinal_position) as columns
		from information_schema.columns c
		join information_schema.tables t
			on t.table_schema = c.table_schema and t.table_name = c.table_name
		where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
			and c.table_name <> 'schema_migrations' and c.is_generated = 'NEVER'
		group by c.table_name
		order by c.table_name`;
	const references = await q<{ child: string; parent: string }[]>`
		select conrelid::regclass::text as child, confrelid::regclass::text as parent
		from pg_constraint
		where contype = 'f' and connamespace = 'public'::regnamespace and conrelid <> confrelid`;
	const parents = new Map(tables.map((table) => [table.name, new Set<string>()]));
	for (const { child, parent } of references) parents.get(child)?.add(parent);
	const ordered: TableShape[] = [];
	const placed = new Set<string>();
	while (ordered.length < tables.length) {
		const ready = tables.filter(
			(table) =>
				!placed.has(table.name) && [...parents.get(table.name)!].every((name) => placed.has(name))
		);
		if (ready.length === 0) throw new Error('the tables refer to each other in a cycle');
		for (const table of ready) {
			ordered.push({ name: table.name, columns: table.columns });
			placed.add(table.name);
		}
	}
	return ordered;
}
