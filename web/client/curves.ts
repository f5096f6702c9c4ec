/**
 * The efficiency-curve chart: red statutory (dashed), blue promised (dotted) and green
 * actual (solid) lines with a p50–p90 band. Registers only the chart.js parts it uses
 * (no Legend plugin: the page's own HTML legend names each line and its style). The
 * page is complete without it: the data table under the chart has every figure.
 */
import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);

interface Point {
  month: string;
  statutoryDays: number | null;
  promisedDays: number | null;
  actual: { mean: number | null; p50: number | null; p90: number | null };
}

interface Labels {
  statutory: string;
  promised: string;
  actual: string;
  p50: string;
  p90: string;
  axis: string;
  /** Month names for the x axis, formatted for the page's language. */
  months?: string[];
}

const dataEl = document.getElementById('curves-data');
const canvas = document.getElementById('curves-chart') as HTMLCanvasElement | null;
if (dataEl && canvas) {
  const { series, labels } = JSON.parse(dataEl.textContent ?? '{}') as {
    series: Point[];
    labels: Labels;
  };
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: labels.months ?? series.map((p) => p.month),
      datasets: [
        {
          label: labels.statutory,
          data: series.map((p) => p.statutoryDays),
          borderColor: '#b00020',
          backgroundColor: '#b00020',
          borderDash: [8, 4],
          stepped: 'before',
          pointRadius: 0,
          borderWidth: 2,
        },
        {
          label: labels.promised,
          data: series.map((p) => p.promisedDays),
          borderColor: '#0b4f8a',
          backgroundColor: '#0b4f8a',
          borderDash: [2, 3],
          stepped: 'before',
          pointRadius: 0,
          borderWidth: 2,
        },
        {
          label: labels.p90,
          data: series.map((p) => p.actual.p90),
          borderColor: 'rgba(27,110,32,0.25)',
          backgroundColor: 'rgba(27,110,32,0.12)',
          pointRadius: 0,
          fill: '+1',
          borderWidth: 1,
        },
        {
          label: labels.p50,
          data: series.map((p) => p.actual.p50),
          borderColor: 'rgba(27,110,32,0.25)',
          backgroundColor: 'rgba(27,110,32,0.12)',
          pointRadius: 0,
          fill: false,
          borderWidth: 1,
        },
        {
          label: labels.actual,
          data: series.map((p) => p.actual.mean),
          borderColor: '#1b6e20',
          backgroundColor: '#1b6e20',
          pointRadius: 3,
          borderWidth: 3,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true, title: { display: true, text: labels.axis } } },
    },
  });
  canvas.closest('.chart-wrap')?.setAttribute('data-ready', 'true');
}
