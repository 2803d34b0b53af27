// Draws the dashboard's charts from the JSON in each canvas's data-chart attribute (no inline script: CSP).
document.addEventListener('DOMContentLoaded', () => {
	const colours = {
		Events: '#2f5bd3', Notifications: '#8b5cf6',
		PENDING: '#94a3b8', SENDING: '#60a5fa', SENT: '#1a7f37', RETRYING: '#d97706',
		DEAD: '#b42318', FAILED: '#7f1d1d', SUPPRESSED: '#64748b'
	};
	document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
		const spec = JSON.parse(canvas.dataset.chart);
		const datasets = spec.datasets.map((dataset) => ({
			...dataset,
			borderColor: colours[dataset.label],
			backgroundColor: colours[dataset.label],
			tension: 0.25
		}));
		const axes = spec.stacked
			? { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
			: { y: { beginAtZero: true, ticks: { precision: 0 } } };
		new Chart(canvas, {
			type: spec.type,
			data: { labels: spec.labels, datasets },
			options: { responsive: true, maintainAspectRatio: false, animation: false, scales: axes }
		});
	});
});
