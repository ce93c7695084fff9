// The built-in DNN models of paper 1 (Sec. 8.1: AlexNet, ResNet18, VGG16), in the user table format.
import type { DnnModel } from '../../../../src-shared/schemas/dnn-model';
import { alexNet } from './alexnet';
import { resNet18 } from './resnet18';
import { vgg16 } from './vgg16';

export const presetModels: readonly DnnModel[] = [alexNet, resNet18, vgg16];
