/** The decoded binary XML tree: templates are kept with their substitutions, values are filled in at render time. */

export const enum NodeKind {
  Element,
  Text,
  Substitution,
  CharRef,
  EntityRef,
  CData,
  ProcessingInstruction,
  TemplateInstance,
}

export interface ElementNode {
  kind: NodeKind.Element;
  name: string;
  attributes: AttributeNode[];
  /** Content nodes; empty for `<X/>` in the binary form too. */
  children: ContentNode[];
  /** A child is an element, template instance or PI: known when parsed, so rendering need not look. */
  hasElementChild: boolean;
  /** A child is a substitution: only then can the content depend on the values. */
  hasSubstitution: boolean;
  /**
   * The only child when it is a substitution (`<EventID>%3</EventID>`, the usual leaf): rendered without a
   * parts loop. `NO_SUBSTITUTION` otherwise.
   */
  leafSubstitution: SubstitutionNode;
  /** Rendering caches by indentation level: `  <Name` and `  </Name>\n`. */
  openTags: string[];
  closeTags: string[];
}

export interface AttributeNode {
  name: string;
  /** ` Name="`, written before the value. */
  prefix: string;
  parts: ValuePart[];
  /** The only part when it is a substitution (`Name="%1"`, the usual attribute); `NO_SUBSTITUTION` otherwise. */
  single: SubstitutionNode;
}

export interface TextNode {
  kind: NodeKind.Text;
  /** The text as stored: not XML-escaped. */
  text: string;
}

export interface SubstitutionNode {
  kind: NodeKind.Substitution;
  /** Index into the template instance's values. */
  index: number;
  /** Optional substitutions drop their attribute when the value is NULL. */
  optional: boolean;
}

/** Stands for "no such substitution" (index -1) where a field would otherwise switch between undefined and a node. */
export const NO_SUBSTITUTION: SubstitutionNode = { kind: NodeKind.Substitution, index: -1, optional: false };

export interface CharRefNode {
  kind: NodeKind.CharRef;
  code: number;
}

export interface EntityRefNode {
  kind: NodeKind.EntityRef;
  name: string;
}

export interface CDataNode {
  kind: NodeKind.CData;
  text: string;
}

export interface ProcessingInstructionNode {
  kind: NodeKind.ProcessingInstruction;
  target: string;
  data: string;
}

/** A substitution value: its type and where its bytes sit in the chunk. */
export interface ValueRef {
  type: number;
  offset: number;
  size: number;
}

export interface TemplateInstanceNode {
  kind: NodeKind.TemplateInstance;
  template: TemplateDefinition;
  values: ValueRef[];
}

export interface TemplateDefinition {
  /** Chunk offset of the definition: its cache key. */
  offset: number;
  nodes: ContentNode[];
}

export type ValuePart = TextNode | SubstitutionNode | CharRefNode | EntityRefNode;
export type ContentNode = ElementNode | ValuePart | CDataNode | ProcessingInstructionNode | TemplateInstanceNode;
