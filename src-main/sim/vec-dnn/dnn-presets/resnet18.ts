// ResNet18 as in torchvision (models/resnet.py) at 224x224x3 input. Each BasicBlock is one partition unit
// (rows share its `block` label), so a cut falls only between blocks; the 1x1 downsample conv takes the
// block's input (`inputFrom`). BatchNorm, ReLU and the residual addition carry no eq. (6) workload.
import { convOutputSize, type ConvLayer, type DnnModel } from '../../../../src-shared/schemas/dnn-model';
import { conv, fc, pool } from './rows';

/** One BasicBlock: two 3x3 convs, plus a strided 1x1 downsample on the shortcut when the shape changes. */
function basicBlock(block: string, [h, w, cIn]: [number, number, number], cOut: number, stride: number): ConvLayer[] {
  const hOut = convOutputSize(h, 3, stride, 1);
  const wOut = convOutputSize(w, 3, stride, 1);
  const rows = [
    conv(`${block}.conv1`, [h, w, cIn], cOut, 3, stride, 1, { block }),
    conv(`${block}.conv2`, [hOut, wOut, cOut], cOut, 3, 1, 1, { block }),
  ];
  if (stride !== 1 || cIn !== cOut) {
    rows.push(conv(`${block}.downsample`, [h, w, cIn], cOut, 1, stride, 0, { block, inputFrom: `${block}.conv1` }));
  }
  return rows;
}

export const resNet18: DnnModel = {
  name: 'ResNet18',
  description:
    'torchvision ResNet18, 224x224x3 input; one partition unit per BasicBlock; the adaptive average pool is a 7x7 pool over the 7x7 map.',
  layers: [
    conv('conv1', [224, 224, 3], 64, 7, 2, 3), // -> 112x112x64
    pool('maxpool', [112, 112, 64], 3, 2, 1), // -> 56x56
    ...basicBlock('layer1.0', [56, 56, 64], 64, 1),
    ...basicBlock('layer1.1', [56, 56, 64], 64, 1),
    ...basicBlock('layer2.0', [56, 56, 64], 128, 2), // -> 28x28
    ...basicBlock('layer2.1', [28, 28, 128], 128, 1),
    ...basicBlock('layer3.0', [28, 28, 128], 256, 2), // -> 14x14
    ...basicBlock('layer3.1', [14, 14, 256], 256, 1),
    ...basicBlock('layer4.0', [14, 14, 256], 512, 2), // -> 7x7
    ...basicBlock('layer4.1', [7, 7, 512], 512, 1),
    pool('avgpool', [7, 7, 512], 7, 1, 0), // -> 1x1x512
    fc('fc', 512, 1000),
  ],
};
