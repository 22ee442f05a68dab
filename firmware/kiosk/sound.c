/* One short tone pattern per verdict, generated here (no sound files to
 * install): rising for green, two level beeps for amber, three low buzzes
 * for red, so the clerk hears the result without looking. Without an audio
 * device the kiosk is silent and otherwise unchanged. */
#include <math.h>
#include <SDL.h>
#include "kiosk.h"

#define RATE 22050

struct kiosk_sound { SDL_AudioDeviceID dev; };

typedef struct { double hz; unsigned ms; bool square; } tone;

static size_t render_tones(const tone *t, size_t nt, int16_t *out, size_t cap, unsigned rate)
{
	size_t k = 0;
	for (size_t i = 0; i < nt; i++) {
		size_t n = (size_t)t[i].ms * rate / 1000, fade = rate / 200;   /* 5 ms ramps: no clicks */
		for (size_t j = 0; j < n && k < cap; j++, k++) {
			if (t[i].hz <= 0) { out[k] = 0; continue; }
			double ph = sin(2 * M_PI * t[i].hz * (double)j / rate);
			double v = t[i].square ? (ph >= 0 ? 0.6 : -0.6) : ph;
			double env = j < fade ? (double)j / fade : n - j < fade ? (double)(n - j) / fade : 1.0;
			out[k] = (int16_t)(v * env * 12000);
		}
	}
	return k;
}

size_t sound_render(verdict_colour c, int16_t *out, size_t cap, unsigned rate)
{
	static const tone green[] = {{880, 110, false}, {0, 30, false}, {1318.5, 180, false}};
	static const tone amber[] = {{660, 150, false}, {0, 90, false}, {660, 150, false}};
	static const tone red[] = {{220, 220, true}, {0, 80, false}, {220, 220, true}, {0, 80, false}, {220, 220, true}};
	switch (c) {
	case COL_GREEN: return render_tones(green, 3, out, cap, rate);
	case COL_AMBER: return render_tones(amber, 3, out, cap, rate);
	default: return render_tones(red, 5, out, cap, rate);
	}
}

kiosk_sound *sound_new(void)
{
	if (SDL_InitSubSystem(SDL_INIT_AUDIO)) return NULL;
	SDL_AudioSpec want = {0}, have;
	want.freq = RATE;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 1024;
	SDL_AudioDeviceID dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!dev) { SDL_QuitSubSystem(SDL_INIT_AUDIO); return NULL; }
	kiosk_sound *s = malloc(sizeof *s);
	if (!s) { SDL_CloseAudioDevice(dev); return NULL; }
	s->dev = dev;
	SDL_PauseAudioDevice(dev, 0);
	return s;
}

void sound_play(kiosk_sound *s, verdict_colour c)
{
	if (!s) return;
	static int16_t buf[RATE * 2];
	size_t n = sound_render(c, buf, sizeof buf / sizeof *buf, RATE);
	SDL_ClearQueuedAudio(s->dev);   /* a new verdict cuts the old tone short */
	SDL_QueueAudio(s->dev, buf, (Uint32)(n * sizeof *buf));
}

void sound_free(kiosk_sound *s)
{
	if (!s) return;
	SDL_CloseAudioDevice(s->dev);
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
	free(s);
}
