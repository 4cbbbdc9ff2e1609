import type { Reaction } from '../../../meeting';

/** The protocol's fixed reaction set, in menu order, with the emoji shown. */
export const REACTIONS: readonly { readonly reaction: Reaction; readonly emoji: string }[] = [
  { reaction: 'thumbs_up', emoji: '👍' },
  { reaction: 'thumbs_down', emoji: '👎' },
  { reaction: 'clap', emoji: '👏' },
  { reaction: 'heart', emoji: '❤️' },
  { reaction: 'joy', emoji: '😂' },
  { reaction: 'tada', emoji: '🎉' },
  { reaction: 'surprised', emoji: '😮' },
  { reaction: 'tear', emoji: '😢' },
];

export function emojiOf(reaction: Reaction): string {
  return REACTIONS.find((r) => r.reaction === reaction)?.emoji ?? '';
}
