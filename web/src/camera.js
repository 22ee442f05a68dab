/* The camera: the rear camera on phones (facingMode "environment"), a
 * target box, the torch where the browser offers it, and continuous
 * scanning. Each frame goes to lib/scan at its fast effort (the next frame
 * is the retry); a code read again within DEDUP_MS of its last sighting is
 * not judged again, as on the kiosk (--dedup-ms, default 3000), so a
 * certificate held under the camera gives one verdict. Frames are never
 * kept. */
"use strict";
window.CQ = window.CQ || {};

CQ.Camera = function (video, overlay, onCodes, onError) {
	const DEDUP_MS = CQ.option("dedup", 3000), FPS = 15;
	const grab = document.createElement("canvas");
	const ctx = grab.getContext("2d", { willReadFrequently: true });
	let stream = null, track = null, running = false, busy = false;
	let lastKey = null, lastSeen = 0, torchOn = false;
	const stats = this.stats = { frames: 0, read: 0 };

	function drawBox(codes, w, h) {
		const o = overlay.getContext("2d");
		overlay.width = w;
		overlay.height = h;
		o.clearRect(0, 0, w, h);
		/* the target box: the middle 60 % of the shorter side */
		const s = Math.min(w, h) * 0.6;
		o.lineWidth = Math.max(2, s / 80);
		o.strokeStyle = "rgba(255,255,255,0.85)";
		o.setLineDash([s / 10, s / 20]);
		o.strokeRect((w - s) / 2, (h - s) / 2, s, s);
		o.setLineDash([]);
		for (const c of codes) {
			o.strokeStyle = "#1e88e5";
			o.lineWidth = Math.max(3, s / 60);
			o.beginPath();
			for (let k = 0; k < 4; k++) o[k ? "lineTo" : "moveTo"](c.x[k], c.y[k]);
			o.closePath();
			o.stroke();
		}
	}

	function frame() {
		if (!running) return;
		const started = performance.now();
		const w = video.videoWidth, h = video.videoHeight;
		if (w && h && !busy && video.readyState >= 2) {
			busy = true;
			const t0 = performance.now();
			if (grab.width !== w || grab.height !== h) { grab.width = w; grab.height = h; }
			ctx.drawImage(video, 0, 0, w, h);
			const px = ctx.getImageData(0, 0, w, h).data;
			const r = CQ.core.scan(px, w, h, 0);
			stats.frames++;
			if (r && r.n) stats.read++;
			drawBox(r && r.codes ? r.codes : [], w, h);
			const now = performance.now();
			if (r && r.n > 0) {
				const key = r.codes.map((c) => c.text).join("\n");
				const repeat = key === lastKey && now - lastSeen < DEDUP_MS;
				lastKey = key;
				lastSeen = now;
				if (!repeat) onCodes(r, { t0: t0, scanned: now, width: w, height: h });
			}
			busy = false;
		}
		/* up to FPS frames a second, as the kiosk (--fps 15): a phone's
		 * camera gives 30, and every other one is enough to aim with */
		setTimeout(frame, Math.max(0, 1000 / FPS - (performance.now() - started)));
	}

	this.start = async function () {
		if (running) return;
		if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) throw new Error("no camera API");
		stream = await navigator.mediaDevices.getUserMedia({
			audio: false,
			video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
		});
		track = stream.getVideoTracks()[0];
		video.srcObject = stream;
		video.muted = true;
		video.setAttribute("playsinline", "");
		await video.play();
		running = true;
		lastKey = null;
		frame();
	};
	this.stop = function () {
		running = false;
		if (stream) for (const t of stream.getTracks()) t.stop();
		stream = track = null;
		video.srcObject = null;
		torchOn = false;
	};
	this.running = () => running;
	this.hasTorch = function () {
		try {
			const caps = track && track.getCapabilities ? track.getCapabilities() : {};
			return !!caps.torch;
		} catch (e) {
			return false;
		}
	};
	this.toggleTorch = async function () {
		if (!track) return false;
		torchOn = !torchOn;
		try {
			await track.applyConstraints({ advanced: [{ torch: torchOn }] });
		} catch (e) {
			torchOn = false;
			onError(e);
		}
		return torchOn;
	};
};
