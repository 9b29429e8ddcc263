/**
 * The live vessels as one MapLibre custom WebGL layer: every vessel is one point sprite in one
 * vertex buffer (x, y in Web Mercator 0..1, category, heading), drawn with a single draw call —
 * a dot below ARROW_ZOOM, an arrow along the heading from there. An update rebuilds the typed
 * array and uploads it once; a frame only sets a few uniforms and draws. Nothing goes through
 * the GeoJSON worker (parsing, tiling and bucketing 50,000 features took seconds on software GL).
 * Hover and click are answered from a KDBush index over the same points.
 */
import KDBush from 'kdbush';
import type * as maplibregl from 'maplibre-gl';
import type { LiveVessel } from './api.js';
import { CATEGORIES, COLORS, categoryOf } from './vessels.js';

/** Zoom from which vessels are drawn as heading arrows instead of dots. */
export const ARROW_ZOOM = 6;
const FLOATS = 4;

const VERT = `#version 300 es
uniform mat4 u_matrix;
uniform float u_size;
uniform vec3 u_colors[${CATEGORIES.length}];
in vec2 a_pos;
in float a_cat;
in float a_heading;
out vec3 v_color;
out float v_heading;
void main() {
  gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0);
  gl_PointSize = u_size;
  v_color = u_colors[int(a_cat)];
  v_heading = a_heading;
}`;

// Dot: a disc. Arrow: a notched triangle pointing along the heading (rotated in the fragment shader),
// with an outline in the theme's contrast colour.
const FRAG = `#version 300 es
precision mediump float;
uniform float u_arrows;
uniform float u_bearing;
uniform vec3 u_outline;
in vec3 v_color;
in float v_heading;
out vec4 o;
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  if (u_arrows < 0.5) {
    if (dot(p, p) > 1.0) discard;
    o = vec4(v_color, 1.0);
    return;
  }
  float h = v_heading - u_bearing;
  float c = cos(h), s = sin(h);
  vec2 q = vec2(c * p.x + s * p.y, -s * p.x + c * p.y);
  float ax = abs(q.x);
  float d1 = (q.y - (-0.95 + 2.6 * ax)) * 0.359;
  float d2 = ((0.35 + 0.75 * ax) - q.y) * 0.8;
  float d = min(d1, d2);
  if (d < 0.0) discard;
  o = vec4(d < 0.1 ? u_outline : v_color, 1.0);
}`;

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255];
}

function compile(gl: WebGL2RenderingContext, type: number, src: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, src);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`vessel layer shader: ${gl.getShaderInfoLog(s) ?? ''}`);
  return s;
}

/** What hover and click need about a vessel under the pointer. */
export interface PickedVessel { mmsi: number; name: string; category: string; speed: number | undefined }

export class VesselLayer implements maplibregl.CustomLayerInterface {
  readonly id = 'vessels';
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  /** Vessels in the buffer. */
  count = 0;
  /** Called once, at the first frame that drew vessels. */
  onFirstFrame: (() => void) | undefined;
  private map: maplibregl.Map | undefined;
  private gl: WebGL2RenderingContext | undefined;
  private program: WebGLProgram | undefined;
  private buffer: WebGLBuffer | undefined;
  private vao: WebGLVertexArrayObject | undefined;
  private data = new Float32Array(0);
  private dirty = false;
  private mmsis: number[] = [];
  private picked: LiveVessel[] = [];
  private index: KDBush | undefined;
  private loc: Record<string, WebGLUniformLocation | null> = {};
  private outline: [number, number, number] = [0.1, 0.14, 0.19];

  /** Colour of the arrows' outline (the theme's contrast colour). */
  setOutline(hex: string): void {
    this.outline = rgb(hex);
    this.map?.triggerRepaint();
  }

  /** Replace the drawn vessels (one typed array, uploaded at the next frame). */
  setVessels(vessels: Iterable<LiveVessel>, size: number): void {
    if (this.data.length < size * FLOATS) this.data = new Float32Array(Math.ceil(size * 1.25) * FLOATS);
    const d = this.data;
    const list: LiveVessel[] = [];
    let i = 0;
    for (const v of vessels) {
      if (!(v.lat >= -85.05 && v.lat <= 85.05 && v.lon >= -180 && v.lon <= 180)) continue;
      const sin = Math.sin((v.lat * Math.PI) / 180);
      d[i * FLOATS] = 0.5 + v.lon / 360;
      d[i * FLOATS + 1] = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
      d[i * FLOATS + 2] = CATEGORIES.indexOf(categoryOf(v.ship_type));
      d[i * FLOATS + 3] = (((v.heading ?? v.course ?? 0) % 360) * Math.PI) / 180;
      list.push(v);
      i++;
    }
    this.count = i;
    this.picked = list;
    this.index = undefined;
    this.dirty = true;
    this.map?.triggerRepaint();
  }

  /** The vessels in the buffer, as drawn (the live picture may have moved on since). */
  drawn(): readonly LiveVessel[] {
    return this.picked;
  }

  /** The vessel nearest the screen point within `radius` pixels, if any. */
  pick(point: { x: number; y: number }, radius = 8): PickedVessel | undefined {
    const map = this.map;
    if (!map || this.count === 0) return undefined;
    if (!this.index) {
      const idx = new KDBush(this.count, 64, Float32Array);
      for (let i = 0; i < this.count; i++) idx.add(this.data[i * FLOATS], this.data[i * FLOATS + 1]);
      idx.finish();
      this.index = idx;
    }
    const worldPx = 512 * 2 ** map.getZoom();
    const c = map.unproject([point.x, point.y]);
    const sin = Math.sin((c.lat * Math.PI) / 180);
    const x = 0.5 + c.lng / 360, y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
    const r = radius / worldPx;
    let best = -1, bestD = Infinity;
    for (const i of this.index.range(x - r, y - r, x + r, y + r)) {
      const dx = this.data[i * FLOATS] - x, dy = this.data[i * FLOATS + 1] - y;
      const dd = dx * dx + dy * dy;
      if (dd < bestD) { bestD = dd; best = i; }
    }
    if (best < 0) return undefined;
    const v = this.picked[best];
    return { mmsi: v.mmsi, name: v.name ?? '', category: categoryOf(v.ship_type), speed: v.speed };
  }

  onAdd(map: maplibregl.Map, gl: WebGLRenderingContext | WebGL2RenderingContext): void {
    this.map = map;
    const g = gl as WebGL2RenderingContext;
    this.gl = g;
    const p = g.createProgram();
    g.attachShader(p, compile(g, g.VERTEX_SHADER, VERT));
    g.attachShader(p, compile(g, g.FRAGMENT_SHADER, FRAG));
    g.linkProgram(p);
    if (!g.getProgramParameter(p, g.LINK_STATUS)) throw new Error(`vessel layer program: ${g.getProgramInfoLog(p) ?? ''}`);
    this.program = p;
    for (const n of ['u_matrix', 'u_size', 'u_colors', 'u_arrows', 'u_bearing', 'u_outline']) this.loc[n] = g.getUniformLocation(p, n);
    this.buffer = g.createBuffer();
    this.vao = g.createVertexArray();
    g.bindVertexArray(this.vao);
    g.bindBuffer(g.ARRAY_BUFFER, this.buffer);
    const attr = (name: string, size: number, offset: number): void => {
      const l = g.getAttribLocation(p, name);
      g.enableVertexAttribArray(l);
      g.vertexAttribPointer(l, size, g.FLOAT, false, FLOATS * 4, offset * 4);
    };
    attr('a_pos', 2, 0);
    attr('a_cat', 1, 2);
    attr('a_heading', 1, 3);
    g.bindVertexArray(null);
    this.dirty = true;
  }

  onRemove(): void {
    const g = this.gl;
    if (!g) return;
    if (this.buffer) g.deleteBuffer(this.buffer);
    if (this.vao) g.deleteVertexArray(this.vao);
    if (this.program) g.deleteProgram(this.program);
    this.gl = undefined;
  }

  render(gl: WebGLRenderingContext | WebGL2RenderingContext, args: maplibregl.CustomRenderMethodInput): void {
    const g = gl as WebGL2RenderingContext;
    const map = this.map;
    if (!map || !this.program || this.count === 0) return;
    g.bindVertexArray(this.vao!);
    if (this.dirty) {
      g.bindBuffer(g.ARRAY_BUFFER, this.buffer!);
      g.bufferData(g.ARRAY_BUFFER, this.data.subarray(0, this.count * FLOATS), g.DYNAMIC_DRAW);
      this.dirty = false;
    }
    const zoom = map.getZoom();
    const arrows = zoom >= ARROW_ZOOM;
    g.useProgram(this.program);
    g.uniformMatrix4fv(this.loc.u_matrix, false, args.defaultProjectionData.mainMatrix as Float32Array);
    // Dots grow from 5 px at zoom 1 to 8 px at zoom 5; arrows from 14 px at zoom 6 to 19 px at zoom 10.
    const size = arrows ? 14 + 5 * Math.min(1, (zoom - ARROW_ZOOM) / 4) : 5 + 3 * Math.max(0, Math.min(1, (zoom - 1) / 4));
    g.uniform1f(this.loc.u_size, size);
    g.uniform3fv(this.loc.u_colors, CATEGORIES.flatMap((c) => rgb(COLORS[c])));
    g.uniform1f(this.loc.u_arrows, arrows ? 1 : 0);
    g.uniform1f(this.loc.u_bearing, (map.getBearing() * Math.PI) / 180);
    g.uniform3fv(this.loc.u_outline, this.outline);
    g.enable(g.BLEND);
    g.blendFunc(g.ONE, g.ONE_MINUS_SRC_ALPHA);
    g.drawArrays(g.POINTS, 0, this.count);
    g.bindVertexArray(null);
    if (this.onFirstFrame) {
      const f = this.onFirstFrame;
      this.onFirstFrame = undefined;
      f();
    }
  }
}
