/** The workshop's stages, in the order a piece moves through them. */
export const BOARD_STAGES = [
	'intake',
	'design',
	'casting',
	'setting',
	'polishing',
	'inspection',
	'ready'
] as const;

/** Stages with no column: the order is archived but stays in the database. */
export const ARCHIVE_STAGES = ['picked_up', 'cancelled'] as const;

export const STAGES = [...BOARD_STAGES, ...ARCHIVE_STAGES] as const;

export type BoardStage = (typeof BOARD_STAGES)[number];
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
	intake: 'Intake',
	design: 'Design',
	casting: 'Casting',
	setting: 'Setting',
	polishing: 'Polishing',
	inspection: 'Inspection',
	ready: 'Ready for pickup',
	picked_up: 'Picked up',
	cancelled: 'Cancelled'
};

export function isBoardStage(stage: string): stage is BoardStage {
	return (BOARD_STAGES as readonly string[]).includes(stage);
}
