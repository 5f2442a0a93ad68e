import { createConvEncoder, type Encoder } from './convnet';

/**
 * The encoders a method can ask for (MethodDefinition.backbone). Every one maps B×H×W×C images to
 * B×D features, which is all the probe and the collapse metrics need.
 */
export type BackboneKind = 'convnet';

export function createBackbone(kind: BackboneKind, opts: { channels: number; height: number; width: number; encoderWidth: number; seed: number; params: Record<string, unknown> }): Encoder {
  switch (kind) {
    case 'convnet':
      return createConvEncoder({ channels: opts.channels, width: opts.encoderWidth, seed: opts.seed });
  }
}
