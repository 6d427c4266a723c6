/** A pinned input of the Home Assistant lab image, with the reason it is there. */
export interface HaPin {
  name: string;
  reason: string;
}

/** Everything a Home Assistant lab image is built from; its hash keys the caches. */
export interface HaImagePins {
  homeassistant: string;
  frontend: string;
  pythonVersion: string;
  imageName: string;
  suite: string;
  aptOptions: readonly string[];
  sources: readonly string[];
  venv: string;
  debianPackages: readonly HaPin[];
  requirements: readonly HaPin[];
  builtFromSource: readonly HaPin[];
  markerRequirements: readonly HaPin[];
  withoutWheel: readonly HaPin[];
}

/** The lab's Home Assistant: the newest release. */
export const HA_IMAGE_PINS: HaImagePins = {
  homeassistant: "2026.11.0",
  /** The frontend release Home Assistant 2026.11.0 itself pins (its frontend manifest and package_constraints.txt). */
  frontend: "20261028.4",
  /** Forky's python3.14; Home Assistant 2026.11.0 requires >=3.14.2, wheels are picked for this version. */
  pythonVersion: "3.14.8",
  imageName: "localhost/home-assistant",
  suite: "forky",
  /** Testing's Release files expire after a week; the archive copy the build reads may be older than that. */
  aptOptions: ['Acquire::Check-Valid-Until "false"'],
  sources: ["deb http://deb.debian.org/debian forky main"],
  /** The venv inside the image. */
  venv: "/opt/homeassistant",
  debianPackages: [
    { name: "python3.14", reason: "the interpreter Home Assistant 2026.11.0 requires (>=3.14.2)" },
    { name: "python3.14-venv", reason: "the venv the wheelhouse is installed into" },
    { name: "ca-certificates", reason: "TLS trust for the integrations that reach out" },
    { name: "tzdata", reason: "time zones for the core's configuration" },
    { name: "libturbojpeg0", reason: "PyTurboJPEG (camera) loads it at run time" },
  ] as readonly HaPin[],
  /** Integration requirements beyond the core's own, so the integrations the image covers import. */
  requirements: [
    { name: "hassil==3.12.1", reason: "conversation, assist_satellite" },
    { name: "gazetteer-matcher==1.1.0", reason: "conversation" },
    { name: "home-assistant-intents==2026.10.27", reason: "conversation" },
    { name: "ha-ffmpeg==3.2.2", reason: "ffmpeg (a dependency of camera)" },
    { name: "infrared-protocols==10.5.0", reason: "infrared" },
    { name: "rf-protocols==4.3.0", reason: "radio_frequency" },
    { name: "mutagen==1.48.1", reason: "tts" },
    { name: "PyTurboJPEG==1.8.3", reason: "camera" },
    { name: "numpy==2.3.2", reason: "camera imports stream, which imports numpy" },
    { name: "aiohasupervisor==0.8.1", reason: "analytics (onboarding's analytics step) imports hassio, which imports it" },
  ] as readonly HaPin[],
  /** Pure-Python packages PyPI has only as source: built once into py3-none-any wheels on the controller. */
  builtFromSource: [
    { name: "pyric==0.1.6.3", reason: "bluetooth-auto-recovery (a core dependency through home-assistant-bluetooth) needs it" },
    { name: "PyTurboJPEG==1.8.3", reason: "camera's requirement" },
  ] as readonly HaPin[],
  /** Requirements behind an environment marker pip download judges with the controller's Python, not 3.14. */
  markerRequirements: [{ name: "standard-chunk==3.13.0", reason: "standard-aifc needs it on Python >= 3.13" }] as readonly HaPin[],
  /** Requirements with no CPython 3.14 manylinux wheel on PyPI: left out, and their integrations with them. */
  withoutWheel: [
    { name: "pymicro-vad==1.0.1", reason: "assist_pipeline; a C extension with no cp314 wheel" },
    { name: "pyspeex-noise==1.0.2", reason: "assist_pipeline; a C extension with no cp314 wheel" },
  ] as readonly HaPin[],
};

/**
 * The newest release before Home Assistant kept its http settings in its own store (2026.8): it reads them from
 * YAML at every start, so the lab proves the apply's YAML path with it. Same interpreter, suite and packages.
 */
export const HA_IMAGE_PINS_YAML_HTTP: HaImagePins = {
  ...HA_IMAGE_PINS,
  homeassistant: "2026.7.4",
  /** The frontend release Home Assistant 2026.7.4 itself pins (its frontend manifest). */
  frontend: "20260624.6",
  /** Integration requirements of 2026.7.4's own manifests, for the same integrations as the newest image. */
  requirements: [
    { name: "hassil==3.8.0", reason: "conversation, assist_satellite" },
    { name: "home-assistant-intents==2026.6.24", reason: "conversation" },
    { name: "ha-ffmpeg==3.2.2", reason: "ffmpeg (a dependency of camera)" },
    { name: "infrared-protocols==6.3.0", reason: "infrared" },
    { name: "rf-protocols==4.3.0", reason: "radio_frequency" },
    { name: "mutagen==1.47.0", reason: "tts" },
    { name: "PyTurboJPEG==1.8.3", reason: "camera" },
    { name: "numpy==2.3.2", reason: "camera imports stream, which imports numpy" },
    { name: "aiohasupervisor==0.5.0", reason: "analytics (onboarding's analytics step) imports hassio, which imports it" },
  ],
};
