// VGG16 (configuration D) as in torchvision (models/vgg.py) at 224x224x3 input: 3x3 convs with padding 1,
// 2x2/2 max pools; the AdaptiveAvgPool2d((7, 7)) is identity at this input and is left out.
import type { DnnModel } from '../../../../src-shared/schemas/dnn-model';
import { conv, fc, pool } from './rows';

export const vgg16: DnnModel = {
  name: 'VGG16',
  description:
    'torchvision VGG16, 224x224x3 input. The AdaptiveAvgPool2d((7, 7)) is identity at this input and is left out.',
  layers: [
    conv('conv1_1', [224, 224, 3], 64, 3, 1, 1),
    conv('conv1_2', [224, 224, 64], 64, 3, 1, 1),
    pool('pool1', [224, 224, 64], 2, 2, 0),
    conv('conv2_1', [112, 112, 64], 128, 3, 1, 1),
    conv('conv2_2', [112, 112, 128], 128, 3, 1, 1),
    pool('pool2', [112, 112, 128], 2, 2, 0),
    conv('conv3_1', [56, 56, 128], 256, 3, 1, 1),
    conv('conv3_2', [56, 56, 256], 256, 3, 1, 1),
    conv('conv3_3', [56, 56, 256], 256, 3, 1, 1),
    pool('pool3', [56, 56, 256], 2, 2, 0),
    conv('conv4_1', [28, 28, 256], 512, 3, 1, 1),
    conv('conv4_2', [28, 28, 512], 512, 3, 1, 1),
    conv('conv4_3', [28, 28, 512], 512, 3, 1, 1),
    pool('pool4', [28, 28, 512], 2, 2, 0),
    conv('conv5_1', [14, 14, 512], 512, 3, 1, 1),
    conv('conv5_2', [14, 14, 512], 512, 3, 1, 1),
    conv('conv5_3', [14, 14, 512], 512, 3, 1, 1),
    pool('pool5', [14, 14, 512], 2, 2, 0), // -> 7x7x512 = 25088
    fc('fc6', 25088, 4096),
    fc('fc7', 4096, 4096),
    fc('fc8', 4096, 1000),
  ],
};
