// AlexNet as in torchvision (models/alexnet.py) at 224x224x3 input; ReLU/dropout carry no eq. (6) workload.
import type { DnnModel } from '../../../../src-shared/schemas/dnn-model';
import { conv, fc, pool } from './rows';

export const alexNet: DnnModel = {
  name: 'AlexNet',
  description:
    'torchvision AlexNet, 224x224x3 input. The AdaptiveAvgPool2d((6, 6)) is identity at this input (the map is already 6x6) and is left out.',
  layers: [
    conv('conv1', [224, 224, 3], 64, 11, 4, 2), // -> 55x55x64
    pool('pool1', [55, 55, 64], 3, 2, 0), // -> 27x27
    conv('conv2', [27, 27, 64], 192, 5, 1, 2),
    pool('pool2', [27, 27, 192], 3, 2, 0), // -> 13x13
    conv('conv3', [13, 13, 192], 384, 3, 1, 1),
    conv('conv4', [13, 13, 384], 256, 3, 1, 1),
    conv('conv5', [13, 13, 256], 256, 3, 1, 1),
    pool('pool5', [13, 13, 256], 3, 2, 0), // -> 6x6x256 = 9216
    fc('fc6', 9216, 4096),
    fc('fc7', 4096, 4096),
    fc('fc8', 4096, 1000),
  ],
};
