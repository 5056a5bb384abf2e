/** A button in a notice: "Undo", "Print pickup receipt". */
export type NoticeAction = { label: string; run: () => void };

export type Notice = {
	kind: 'info' | 'error' | 'conflict';
	text: string;
	action?: NoticeAction;
};

/** The one notice a screen shows at a time (a move done, a refusal), until it times out. */
export class Notices {
	current = $state<Notice | null>(null);
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Shows `text`; a `timeout` of 0 keeps it until dismissed or replaced. */
	show(kind: Notice['kind'], text: string, timeout: number, action?: NoticeAction): void {
		// A question waiting for the person's answer ("Apply mine anyway") is not swept away by news
		// (a reload after reconnecting saying what changed): it stays until answered or dismissed.
		if (this.current?.kind === 'conflict' && this.current.action && kind === 'info' && !action)
			return;
		this.current = action ? { kind, text, action } : { kind, text };
		clearTimeout(this.#timer);
		if (timeout > 0) this.#timer = setTimeout(() => (this.current = null), timeout);
	}

	dismiss(): void {
		clearTimeout(this.#timer);
		this.current = null;
	}
}
