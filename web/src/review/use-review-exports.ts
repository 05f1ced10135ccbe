/** The review's downloads: the breakdown and the ranking as CSV, the map with a legend as PNG. */
import type { MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { toCsv } from '../stability/csv.js';
import { BAND_COLORS, HOTSPOT_COLORS } from '../theme/palette.js';
import { breakdownTable, rankingTable } from './breakdown.js';
import { composeMapImage, downloadCsv, downloadPng } from './export.js';
import { useNumber } from './ReviewPanels.js';
import type { ReviewView } from './use-review-view.js';

export interface ExportNames {
  /** The files' common name: unit and period(s). */
  baseName: string;
  unitName: string;
  labelA: string;
  labelB: string | null;
  comparing: boolean;
}

/** The three export actions for what the review shows now. */
export function useReviewExports(
  view: ReviewView,
  names: ExportNames,
  canvases: MutableRefObject<() => HTMLCanvasElement[]>,
) {
  const { t } = useTranslation();
  const num = useNumber();
  const { index, indexB, ranking, rows } = view;
  const { baseName, unitName, labelA, labelB } = names;
  const bandName = (band: string) => t(`band.${band}`);

  const exportCsv = () => {
    if (!index) return;
    const table = breakdownTable(
      rows,
      { a: index.score, b: indexB?.score ?? null },
      {
        indicator: t('review.indicator'),
        raw: t('review.raw'),
        normalised: t('review.normalised'),
        weight: t('review.weight'),
        contribution: t('review.contribution'),
        change: t('review.change'),
        total: t('review.total'),
        periodA: t('review.periodA'),
        periodB: t('review.periodB'),
      },
      names.comparing,
    );
    downloadCsv(`${baseName}_${t('review.breakdown')}.csv`, toCsv(table.header, table.rows));
  };
  const exportRanking = () => {
    if (!ranking) return;
    const table = rankingTable(
      ranking.entries,
      {
        rank: t('review.rank'),
        code: t('detail.code'),
        name: t('review.name'),
        score: t('index.score'),
        band: t('detail.level'),
        previous: t('review.previousScore'),
      },
      bandName,
    );
    downloadCsv(`${baseName}_${t('review.ranking')}.csv`, toCsv(table.header, table.rows));
  };
  const exportPng = () => {
    const image = composeMapImage(canvases.current(), {
      title: `${unitName} · ${t('index.title')} ${index ? num(index.score, 1) : '—'}${index ? ` (${bandName(index.band)})` : ''}`,
      subtitle: `${labelA}${labelB ? ` / ${labelB}` : ''} · ${t('review.drill')}`,
      legend: [
        ...(['red', 'orange', 'yellow', 'blue'] as const).map((band) => ({
          label: bandName(band),
          color: BAND_COLORS[band],
        })),
        ...[3, 2, 1, -1, -2, -3].map((bin) => ({
          label: t(`hotspotBin.${bin}`),
          color: HOTSPOT_COLORS[bin]!,
          outline: true,
        })),
      ],
      footer: index
        ? t('review.revision', { revision: index.revision, version: index.weightsVersion, by: index.publishedBy })
        : '',
    });
    void downloadPng(`${baseName}.png`, image);
  };
  return { exportCsv, exportRanking, exportPng };
}
