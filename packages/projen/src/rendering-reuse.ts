/**
 * Earlier renderings that a generated file may take instead of rendering itself again.
 *
 * Why: rendering a workflow (building and printing a YAML document) or a docs page costs far more than
 * comparing its inputs, and a one-repository edit leaves every other repository's inputs as they were.
 * The implementation decides what "the same inputs" means (e.g. a hash of `inputs` and of the renderer's
 * sources) and must return exactly the bytes the renderer would produce for them.
 */
export interface RenderingReuse {
  /**
   * The content rendered earlier at `path` (relative to the project) from these `inputs`, or undefined when
   * there is none: the caller renders, and the implementation may remember that rendering once written.
   * `inputs` is everything the rendering reads besides the renderer's own code, as plain data.
   */
  reuse(path: string, inputs: unknown): string | undefined;
}
