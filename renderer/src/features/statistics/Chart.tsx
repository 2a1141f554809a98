import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { chartOption, type StatsTable } from '../../../../electron/contract/charts';

// A statistics table drawn by ECharts (only the parts the charts use, drawn as SVG: sharp at any zoom and printed
// like the page). The option comes from the table (contract/charts.ts), the same the periodic report prints.

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export function Chart(props: { table: StatsTable; height: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = box.current!;
    chart.current = echarts.init(el, null, { renderer: 'svg' });
    const resize = new ResizeObserver(() => chart.current?.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(chartOption(props.table), { notMerge: true });
  }, [props.table]);
  // The picture is for the eye; the table beside it says the same to a screen reader.
  return <div ref={box} className="chart" style={{ height: props.height }} role="img" aria-label={props.label} data-chart={props.table.key} />;
}
