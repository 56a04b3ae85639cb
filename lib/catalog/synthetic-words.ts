/**
 * Vocabulary for the synthetic catalog. No word here may look like a coined model name
 * (see CODED_NAME_RE in synthetic.ts): title uniqueness rests on that.
 */

/** Comma-separated words; a template literal keeps the lists compact and easy to edit. */
function list(text: string): string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);
}

export const ADJECTIVES = list(`
  efficient, robust, scalable, sparse, adaptive, hierarchical, contrastive, generative,
  multimodal, unified, lightweight, interpretable, causal, federated, differentiable,
  autoregressive, compositional, geometric, probabilistic, implicit, structured, continual,
  zero-shot, few-shot, self-supervised, long-context, open-vocabulary, diffusion-based,
  temporal, spatial, equivariant, latent, modular, parallel, streaming, quantized, distributed,
  private, fair, controllable, faithful, grounded, neural, visual, linguistic, physical
`);

export const NOUNS = list(`
  attention, transformers, retrieval, reasoning, alignment, distillation, segmentation,
  detection, tracking, planning, navigation, manipulation, synthesis, generation,
  representations, embeddings, tokenization, pretraining, finetuning, adapters, agents,
  policies, rewards, graphs, meshes, point clouds, videos, images, speech, audio, language,
  code, proteins, molecules, robots, scenes, captions, queries, documents, benchmarks,
  datasets, priors, features, kernels, operators, fields, flows, experts, routers, memory,
  caches, inference, optimization, compression, pruning, quantization, calibration,
  uncertainty, hallucination, editing, inpainting, upsampling, denoising, forecasting,
  recommendation, summarization, translation, grounding, perception, control
`);

export const LEADS = list(`
  Scaling, Learning, Rethinking, Towards, Revisiting, Understanding, Improving, Accelerating,
  Benchmarking, Unifying, Exploring, Training, Evaluating
`);

export const CONNECTORS = list(`
  for, with, via, in, from, under, beyond, through
`);

export const FIRST_NAMES = list(`
  Wei, Yuki, Ana, Lukas, Priya, Omar, Chen, Sofia, Mateo, Aisha, Jonas, Mei, Ravi, Elena,
  Tomas, Hana, Kwame, Ingrid, Diego, Leila, Arjun, Nora, Hiroshi, Fatima, Pierre, Zhang, Olga,
  Samuel, Yusuf, Clara, Minh, Grace, Ivan, Lucia, Tariq, Emma, Kenji, Amara, Felix, Jia, Marco,
  Sara, Daniel, Xin, Julia, Ahmed, Lena, Bo, Rosa, Noah
`);

export const LAST_NAMES = list(`
  Wang, Tanaka, Silva, Müller, Sharma, Haddad, Li, Rossi, García, Okafor, Schmidt, Zhou, Patel,
  Ivanova, Novak, Kim, Mensah, Larsen, Fernández, Rahimi, Gupta, Berg, Yamamoto, Benali,
  Dubois, Liu, Petrova, Johnson, Yilmaz, Martin, Nguyen, O'Brien, Kowalski, Romero, Khan,
  Wilson, Sato, Adeyemi, Fischer, Zhao, Bianchi, Lindqvist, Chen, Hassan, Weber, Park, Costa,
  Huang, Moreau, Brown
`);

export const FIELDS = list(`
  computer vision, natural language processing, robotics, speech recognition,
  recommender systems, computational biology, autonomous driving, medical imaging,
  information retrieval, program synthesis, reinforcement learning, graph learning
`);

export const DATASETS = list(`
  ImageNet, COCO, GSM8K, MMLU, HumanEval, LibriSpeech, ScanNet, Kinetics, SQuAD, WMT, nuScenes,
  ADE20K, MATH, BEIR, LongBench, OGB
`);

export const METRICS = list(`
  accuracy, F1, recall, BLEU, mIoU, success rate, pass@1
`);

export const VENUES = list(`
  NeurIPS, ICML, ICLR, CVPR, ACL, EMNLP, ICCV, AAAI, KDD
`);

export const DOI_PREFIXES = list(`
  10.1109/TPAMI, 10.1145/3580305, 10.1007/s11263, 10.1038/s41586
`);
