import type { Attachment } from 'svelte/attachments';

/**
 * Keeps a TV from dimming or sleeping while the board is shown. Browsers drop the lock whenever the
 * page is hidden, so it is asked for again each time the page is visible. The Wake Lock API exists
 * only in secure contexts (https, or localhost): elsewhere this does nothing.
 */
export function keepScreenAwake(): () => void {
	if (!('wakeLock' in navigator)) return () => {};
	let lock: WakeLockSentinel | null = null;
	let stopped = false;
	const request = async () => {
		if (stopped || document.visibilityState !== 'visible' || (lock && !lock.released)) return;
		try {
			const granted = await navigator.wakeLock.request('screen');
			if (stopped) void granted.release();
			else lock = granted;
		} catch {
			// Refused (power saving, no user activation on some browsers): the next visibility change tries again.
		}
	};
	const onVisibilityChange = () => void request();
	document.addEventListener('visibilitychange', onVisibilityChange);
	void request();
	return () => {
		stopped = true;
		document.removeEventListener('visibilitychange', onVisibilityChange);
		void lock?.release();
	};
}

/** Runs `tick` just after each minute turns, so a clock without seconds is never behind. */
export function everyMinute(tick: () => void): () => void {
	let timer: ReturnType<typeof setTimeout>;
	const schedule = () => {
		timer = setTimeout(
			() => {
				tick();
				schedule();
			},
			60_000 - (Date.now() % 60_000) + 50
		);
	};
	schedule();
	return () => clearTimeout(timer);
}

/** Reports an element's content box and its font size whenever its size changes. */
export function measure(
	report: (box: { width: number; height: number; em: number }) => void
): Attachment<HTMLElement> {
	return (element) => {
		const observer = new ResizeObserver(([entry]) => {
			const { width, height } = entry.contentRect;
			report({ width, height, em: parseFloat(getComputedStyle(element).fontSize) });
		});
		observer.observe(element);
		return () => observer.disconnect();
	};
}
