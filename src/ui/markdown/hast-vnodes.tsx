/** A highlighted hast tree → vnodes. Only <span class> elements and text exist in lowlight's output. */
import { h, type ComponentChildren } from 'preact';
import type { ElementContent, Root } from 'hast';

function toChild(node: ElementContent): ComponentChildren {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return null;
  const className = node.properties?.className;
  const classes = Array.isArray(className) ? className.map(String).join(' ') : undefined;
  return h('span', { class: classes }, node.children.map(toChild));
}

export function hastToVnodes(root: Root): ComponentChildren {
  return root.children.map((node) => (node.type === 'doctype' ? null : toChild(node)));
}
