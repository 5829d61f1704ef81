import dagre from '@dagrejs/dagre';
import { useMemo } from 'preact/hooks';
import { label } from './StateBadge';

export interface DagNode {
  id: string;
  title: string;
  subtitle?: string;
  state?: string;
}

export interface DagEdge {
  from: string;
  to: string;
}

interface Props {
  nodes: DagNode[];
  edges: DagEdge[];
  selected?: string | null;
  onSelect?: (id: string) => void;
  vertical?: boolean;
}

const NODE_WIDTH = 168;
const NODE_HEIGHT = 46;

/** A workflow's steps laid out by dagre, parents before children; each node coloured by its state. */
export function Dag({ nodes, edges, selected, onSelect, vertical }: Props) {
  const layout = useMemo(() => {
    const graph = new dagre.graphlib.Graph();
    graph.setGraph({ rankdir: vertical ? 'TB' : 'LR', nodesep: 18, ranksep: 44, marginx: 8, marginy: 8 });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
    for (const edge of edges) if (graph.hasNode(edge.from) && graph.hasNode(edge.to)) graph.setEdge(edge.from, edge.to);
    dagre.layout(graph);
    const size = graph.graph();
    return {
      width: Math.max(size.width ?? 0, NODE_WIDTH),
      height: Math.max(size.height ?? 0, NODE_HEIGHT),
      positions: new Map(nodes.map((n) => [n.id, graph.node(n.id)])),
      paths: graph.edges().map((e) => ({ key: `${e.v}->${e.w}`, points: (graph.edge(e).points ?? []) as { x: number; y: number }[] })),
    };
  }, [nodes.map((n) => n.id).join(','), edges.map((e) => `${e.from}>${e.to}`).join(','), vertical]);

  return (
    <div class="dag">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img"
           aria-label="workflow graph">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
          </marker>
        </defs>
        {layout.paths.map((p) => (
          <path key={p.key} class="edge" marker-end="url(#arrow)"
                d={p.points.map((pt, i) => `${i === 0 ? 'M' : 'L'} ${pt.x} ${pt.y}`).join(' ')} />
        ))}
        {nodes.map((node) => {
          const pos = layout.positions.get(node.id)!;
          const x = pos.x - NODE_WIDTH / 2;
          const y = pos.y - NODE_HEIGHT / 2;
          return (
            <g key={node.id} class={`node state-${node.state ?? 'template'}${selected === node.id ? ' selected' : ''}`}
               transform={`translate(${x} ${y})`} data-step={node.id} data-state={node.state}
               tabIndex={onSelect ? 0 : undefined} role={onSelect ? 'button' : undefined}
               onClick={() => onSelect?.(node.id)}
               onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') onSelect?.(node.id); }}>
              <title>{node.state ? `${node.title}: ${label(node.state)}` : node.title}</title>
              <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="7" />
              <text x="10" y="19" class="node-title">{clip(node.title, 22)}</text>
              <text x="10" y="36" class="node-subtitle">{clip(node.subtitle ?? (node.state ? label(node.state) : ''), 26)}</text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function clip(text: string, length: number) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
