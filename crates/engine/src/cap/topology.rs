//! The data centers and the network between them: names and one-way
//! latencies in milliseconds, with jitter.

#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    pub nodes: Vec<String>,
    /// One-way latency from node i to node j, in ms.
    pub latency_ms: Vec<Vec<u32>>,
    /// Each message's latency varies by up to this many percent either way.
    pub jitter_pct: u32,
}

impl Topology {
    /// The seed's four data centers, with realistic one-way latencies.
    pub fn seed_default() -> Topology {
        let nodes = ["us-east", "us-west", "europe", "asia"].map(String::from).to_vec();
        let latency_ms = vec![
            vec![0, 35, 40, 90],
            vec![35, 0, 70, 55],
            vec![40, 70, 0, 80],
            vec![90, 55, 80, 0],
        ];
        Topology {
            nodes,
            latency_ms,
            jitter_pct: 20,
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n == name)
    }

    pub fn majority(&self) -> usize {
        self.nodes.len() / 2 + 1
    }

    /// Add a data center; its latency to every other one is `latency_ms`.
    pub fn add_node(&mut self, name: &str, latency_ms: u32) {
        for row in &mut self.latency_ms {
            row.push(latency_ms);
        }
        let mut row = vec![latency_ms; self.nodes.len() + 1];
        row[self.nodes.len()] = 0;
        self.latency_ms.push(row);
        self.nodes.push(name.to_string());
    }

    pub fn remove_node(&mut self, index: usize) {
        if index < self.nodes.len() {
            self.nodes.remove(index);
            self.latency_ms.remove(index);
            for row in &mut self.latency_ms {
                row.remove(index);
            }
        }
    }
}
